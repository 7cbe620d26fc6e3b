package org.tao4j.wallet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.scale.ScaleWriter;

/**
 * A Substrate secret URI, {@code [phrase][//hard|/soft ...][///password]}, as subkey reads it:
 * the phrase is a BIP39 mnemonic or a {@code 0x}-prefixed 32-byte hex seed, and defaults to
 * {@link KeyDerivation#DEV_PHRASE} when omitted (so {@code //Alice} is the dev account); the
 * path is a list of junctions; the password after {@code ///} is the BIP39 passphrase.
 *
 * <p>A record for its value semantics, but {@code toString} is redacted: every part of it can be
 * secret.
 *
 * @param phrase the mnemonic or hex seed, with {@link KeyDerivation#DEV_PHRASE} substituted
 * @param devPhrase whether the phrase is the public dev phrase, omitted or spelled out: such a
 *     key is known to everyone and belongs on dev chains only
 * @param path the junctions, in order
 * @param password the BIP39 passphrase, if given
 */
public record SecretUri(String phrase, boolean devPhrase, List<Junction> path, Optional<String> password) {
    public SecretUri {
        Objects.requireNonNull(phrase, "phrase");
        path = List.copyOf(path);
        Objects.requireNonNull(password, "password");
    }

    /**
     * Parses {@code suri} with subkey's grammar: the password starts at the first {@code ///};
     * before it, the phrase runs to the first {@code /}, and the rest must be junctions, each one
     * or two slashes followed by a non-empty name.
     *
     * @throws IllegalArgumentException naming what is malformed (never echoing the phrase)
     */
    public static SecretUri parse(String suri) {
        if (suri == null || suri.isBlank()) {
            throw new IllegalArgumentException("the secret URI is empty");
        }
        String rest = suri;
        Optional<String> password = Optional.empty();
        int pw = rest.indexOf("///");
        if (pw >= 0) {
            password = Optional.of(rest.substring(pw + 3));
            rest = rest.substring(0, pw);
        }
        int slash = rest.indexOf('/');
        String phrase = (slash < 0 ? rest : rest.substring(0, slash)).strip();
        String pathText = slash < 0 ? "" : rest.substring(slash);
        List<Junction> path = new ArrayList<>();
        int i = 0;
        while (i < pathText.length()) {
            // pathText[i] is '/' here, by construction
            boolean hard = pathText.startsWith("//", i);
            int start = i + (hard ? 2 : 1);
            int end = pathText.indexOf('/', start);
            end = end < 0 ? pathText.length() : end;
            if (end == start) {
                throw new IllegalArgumentException("the secret URI has an empty junction at \""
                        + pathText.substring(i, Math.min(pathText.length(), i + 3)) + "\" (use //name or //0)");
            }
            path.add(new Junction(pathText.substring(start, end), hard));
            i = end;
        }
        if (phrase.isEmpty()) {
            return new SecretUri(KeyDerivation.DEV_PHRASE, true, path, password);
        }
        boolean dev = String.join(" ", Mnemonic.splitWords(phrase)).equals(KeyDerivation.DEV_PHRASE);
        return new SecretUri(phrase, dev, path, password);
    }

    /** Whether the phrase is a raw {@code 0x} hex seed rather than a mnemonic. */
    public boolean isHexSeed() {
        return phrase.startsWith("0x") || phrase.startsWith("0X");
    }

    @Override
    public String toString() {
        return "SecretUri[<redacted>]";
    }

    /**
     * One step of a derivation path. Hard junctions ({@code //}) are the only kind ed25519
     * supports; soft ones ({@code /}) parse, so the error can name them.
     *
     * @param name the text after the slashes: a number (read as u64) or any other text
     * @param hard {@code true} for {@code //name}
     */
    public record Junction(String name, boolean hard) {
        static final int CHAIN_CODE_LENGTH = 32;

        public Junction {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.indexOf('/') >= 0) {
                throw new IllegalArgumentException("a junction name is non-empty and has no '/'");
            }
        }

        /** A hard junction, {@code //name}. */
        public static Junction hard(String name) {
            return new Junction(name, true);
        }

        /**
         * The 32-byte chain code, as sp-core's {@code DeriveJunction::from(&str)}: text that
         * parses as an unsigned 64-bit number is SCALE {@code u64} (8 bytes little-endian),
         * anything else is a SCALE string (compact length, UTF-8); the encoding is zero-padded
         * to 32 bytes, or replaced by its BLAKE2b-256 when longer.
         */
        public byte[] chainCode() {
            byte[] encoded;
            try {
                // parseUnsignedLong, like Rust's u64::from_str, takes an optional '+' and leading zeros
                long n = Long.parseUnsignedLong(name);
                encoded = ScaleWriter.encode(w -> w.u64(n));
            } catch (NumberFormatException notANumber) {
                encoded = ScaleWriter.encode(w -> w.bytes(name.getBytes(StandardCharsets.UTF_8)));
            }
            if (encoded.length > CHAIN_CODE_LENGTH) {
                return Blake2b.hash256(encoded);
            }
            byte[] cc = new byte[CHAIN_CODE_LENGTH];
            System.arraycopy(encoded, 0, cc, 0, encoded.length);
            return cc;
        }

        @Override
        public String toString() {
            return (hard ? "//" : "/") + name;
        }
    }
}
