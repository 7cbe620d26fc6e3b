package org.tao4j.wallet;

import java.security.SecureRandom;

/** Test "randomness": the bytes 0x00, 0x01, 0x02, ... in order, for reproducible salts and nonces. */
final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private int next;

    @Override
    public void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) next++;
        }
    }
}
