package org.tao4j.core.scale;

/**
 * Input that is not valid SCALE for the type being read. Unchecked because decoding untrusted
 * bytes fails in one way only, and callers handle it at the boundary where the bytes came in.
 */
public final class ScaleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public ScaleException(int offset, String problem) {
        super("SCALE decode error at offset " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Where in the input the item that failed to decode starts. */
    public int offset() {
        return offset;
    }
}
