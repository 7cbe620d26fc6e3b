package org.tao4j.wallet;

import java.util.Objects;

/**
 * How to encrypt a key being written: a password and the Argon2id cost. Holds the caller's
 * array, not a copy, so the caller's clearing of it covers this too.
 *
 * @param password the password; must not be empty
 * @param kdf Argon2id parameters, normally {@link KdfParams#DEFAULT}
 */
public record Encryption(char[] password, KdfParams kdf) {
    public Encryption {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(kdf, "kdf");
        if (password.length == 0) {
            throw new IllegalArgumentException("the password is empty; an empty password would not protect the key");
        }
    }

    /** {@code password} with the default cost. */
    public static Encryption of(char[] password) {
        return new Encryption(password, KdfParams.DEFAULT);
    }

    @Override
    public String toString() {
        return "Encryption[password=<redacted>, kdf=" + kdf + "]";
    }
}
