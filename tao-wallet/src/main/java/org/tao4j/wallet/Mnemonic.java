package org.tao4j.wallet;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A BIP-0039 mnemonic over the English list: 12, 15, 18, 21 or 24 words encoding 128 to 256 bits
 * of entropy plus a checksum of entropy-bits/32 bits taken from SHA-256 of the entropy.
 *
 * <p>Not a record: it is a secret, so {@code toString} is redacted and equality is identity (compare
 * {@link #phrase()} where needed). The words are Java strings and cannot be wiped from memory;
 * {@link #entropy()} hands out copies the caller may clear.
 */
public final class Mnemonic {
    /** The word counts BIP-0039 defines. */
    public static final List<Integer> WORD_COUNTS = List.of(12, 15, 18, 21, 24);
    /** The default for new keys: 128 bits, what subkey and btcli generate. */
    public static final int DEFAULT_WORD_COUNT = 12;

    private static final int BITS_PER_WORD = 11;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private final byte[] entropy;
    private final List<String> words;

    private Mnemonic(byte[] entropy, List<String> words) {
        this.entropy = entropy;
        this.words = List.copyOf(words);
    }

    /** A new mnemonic of {@code wordCount} words from {@code random}'s entropy. */
    public static Mnemonic generate(int wordCount, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        requireWordCount(wordCount);
        byte[] entropy = new byte[entropyBytes(wordCount)];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /** The mnemonic encoding {@code entropy} (16, 20, 24, 28 or 32 bytes). */
    public static Mnemonic fromEntropy(byte[] entropy) {
        Objects.requireNonNull(entropy, "entropy");
        int bits = entropy.length * 8;
        if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
            throw new IllegalArgumentException(
                    "BIP39 entropy must be 16, 20, 24, 28 or 32 bytes, got " + entropy.length);
        }
        int checksumBits = bits / 32;
        byte[] hash = Bip39Wordlist.sha256(entropy);
        int wordCount = (bits + checksumBits) / BITS_PER_WORD;
        List<String> words = new ArrayList<>(wordCount);
        for (int w = 0; w < wordCount; w++) {
            int index = 0;
            for (int b = 0; b < BITS_PER_WORD; b++) {
                int bit = w * BITS_PER_WORD + b;
                index = (index << 1) | (bit < bits ? bitAt(entropy, bit) : bitAt(hash, bit - bits));
            }
            words.add(Bip39Wordlist.word(index));
        }
        return new Mnemonic(entropy.clone(), words);
    }

    /**
     * Parses a phrase: words separated by any whitespace, case ignored. Checks, in this order,
     * the word count, that every word is in the list (naming each unknown word, its position and
     * the closest list word), and the checksum.
     *
     * @throws IllegalArgumentException with a one-line message saying what to fix
     */
    public static Mnemonic parse(String phrase) {
        String[] typed = phrase == null ? new String[0] : splitWords(phrase);
        if (typed.length == 0) {
            throw new IllegalArgumentException("the mnemonic is empty");
        }
        if (!WORD_COUNTS.contains(typed.length)) {
            throw new IllegalArgumentException(
                    "a mnemonic has 12, 15, 18, 21 or 24 words, this one has " + typed.length);
        }
        int[] indices = new int[typed.length];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < typed.length; i++) {
            indices[i] = Bip39Wordlist.indexOf(typed[i]);
            if (indices[i] < 0) {
                Optional<String> guess = Bip39Wordlist.suggest(typed[i]);
                unknown.add("word " + (i + 1) + " \"" + printable(typed[i]) + "\" is not in the BIP39 English list"
                        + guess.map(g -> " (did you mean \"" + g + "\"?)").orElse(""));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", unknown));
        }
        int totalBits = typed.length * BITS_PER_WORD;
        int checksumBits = totalBits / 33;
        int entropyBits = totalBits - checksumBits;
        byte[] all = new byte[(totalBits + 7) / 8];
        for (int i = 0; i < typed.length; i++) {
            for (int b = 0; b < BITS_PER_WORD; b++) {
                if (((indices[i] >> (BITS_PER_WORD - 1 - b)) & 1) != 0) {
                    int bit = i * BITS_PER_WORD + b;
                    all[bit / 8] |= (byte) (0x80 >> (bit % 8));
                }
            }
        }
        byte[] entropy = Arrays.copyOf(all, entropyBits / 8);
        byte[] hash = Bip39Wordlist.sha256(entropy);
        for (int b = 0; b < checksumBits; b++) {
            if (bitAt(all, entropyBits + b) != bitAt(hash, b)) {
                Arrays.fill(entropy, (byte) 0);
                Arrays.fill(all, (byte) 0);
                throw new IllegalArgumentException("the mnemonic's checksum does not match: a word is wrong"
                        + " (each is a valid list word) or two words are swapped");
            }
        }
        Arrays.fill(all, (byte) 0);
        return new Mnemonic(entropy, List.of(typed));
    }

    /**
     * Splits typed or pasted text into lower-case words. Any Unicode white space separates words,
     * including the no-break spaces that copying from web pages and documents brings along.
     */
    static String[] splitWords(String text) {
        return WHITESPACE
                .splitAsStream(text.toLowerCase(Locale.ROOT))
                .filter(w -> !w.isEmpty())
                .toArray(String[]::new);
    }

    /** A copy of the entropy the words encode: the PBKDF2 password in Substrate derivation. */
    public byte[] entropy() {
        return entropy.clone();
    }

    /** The words, lower case, in order. */
    public List<String> words() {
        return words;
    }

    /** The words joined by single spaces: the canonical form to show and store. */
    public String phrase() {
        return String.join(" ", words);
    }

    public int wordCount() {
        return words.size();
    }

    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words, <redacted>]";
    }

    static int entropyBytes(int wordCount) {
        return wordCount * BITS_PER_WORD * 32 / 33 / 8;
    }

    private static void requireWordCount(int wordCount) {
        if (!WORD_COUNTS.contains(wordCount)) {
            throw new IllegalArgumentException("a mnemonic has 12, 15, 18, 21 or 24 words, not " + wordCount);
        }
    }

    private static int bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] >> (7 - bit % 8)) & 1;
    }

    // a typo is echoed back in the message, so keep it short and on one line
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(24).forEach(c -> {
            if (c >= 0x20 && c != 0x7f && c != '"') {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return s.codePointCount(0, s.length()) > 24 ? out + "..." : out.toString();
    }
}
