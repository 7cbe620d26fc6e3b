package org.tao4j.sdk.wire;

/** A header or frame that is missing or not in its one canonical form. */
public final class WireFormatException extends RuntimeException {
    private final String field;

    public WireFormatException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The header or frame field at fault. */
    public String field() {
        return field;
    }
}
