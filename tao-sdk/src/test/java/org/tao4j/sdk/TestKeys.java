package org.tao4j.sdk;

import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;

/** Deterministic hotkeys for tests: seed = 32 copies of one byte, or a counter. */
public final class TestKeys {
    private TestKeys() {}

    public static Ed25519.KeyPair key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        seed[1] = (byte) (n >>> 8);
        seed[2] = (byte) (n >>> 16);
        seed[31] = 0x5a;
        return Ed25519.KeyPair.fromSeed(seed);
    }

    public static AccountId id(Ed25519.KeyPair k) {
        return AccountId.of(k.publicKey());
    }
}
