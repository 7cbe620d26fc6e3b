package org.tao4j.runtime.schema;

/** An account's free balance and next nonce. A reaped account keeps its nonce (replay protection). */
public record Account(long free, long nonce) {
    public static final Account EMPTY = new Account(0, 0);
}
