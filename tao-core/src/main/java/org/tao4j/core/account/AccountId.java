package org.tao4j.core.account;

import java.util.Arrays;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.Hex;

/**
 * A 32-byte account id: on this chain the account's ed25519 public key. Holds its own copy of
 * the bytes. Prints as its SS58 address (prefix 42) since that is what users recognise.
 */
public record AccountId(byte[] bytes) implements Comparable<AccountId> {
    public static final int LENGTH = 32;

    public AccountId {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException(
                    "account id needs " + LENGTH + " bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    public static AccountId of(Ed25519.PublicKey key) {
        return new AccountId(key.bytes());
    }

    public static AccountId fromHex(String hex) {
        return new AccountId(Hex.fromHex(hex, LENGTH));
    }

    /** Parses an SS58 address with prefix 42; see {@link Ss58#decode(String)} for the errors. */
    public static AccountId fromSs58(String address) {
        return Ss58.decode(address);
    }

    /** The public key to check this account's signatures with. */
    public Ed25519.PublicKey toPublicKey() {
        return new Ed25519.PublicKey(bytes);
    }

    /** A copy: callers must not be able to change this id. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String toHex() {
        return Hex.toHex(bytes);
    }

    public String toSs58() {
        return Ss58.encode(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Unsigned byte-wise order, matching how Substrate's AccountId32 sorts. */
    @Override
    public int compareTo(AccountId other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toSs58();
    }
}
