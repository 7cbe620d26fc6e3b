package org.tao4j.wallet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BIP-0039 English wordlist, loaded once from the bundled resource and checked against the
 * SHA-256 of the official file: a damaged or edited list would silently turn every mnemonic into
 * different keys, so it is refused at load rather than trusted.
 */
final class Bip39Wordlist {
    static final String RESOURCE = "bip39-english.txt";
    /** SHA-256 of bitcoin/bips bip-0039/english.txt (2048 lines, LF, trailing newline). */
    static final String OFFICIAL_SHA256 = "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";

    static final int SIZE = 2048;
    // BIP-0039 guarantees the first four letters identify a word, which the suggestions rely on
    private static final int UNIQUE_PREFIX = 4;
    private static final int MAX_SUGGESTION_DISTANCE = 2;

    // immutable after class init, so sharing them is safe
    private static final List<String> WORDS;
    private static final Map<String, Integer> INDEX;
    private static final Map<String, String> BY_PREFIX;

    static {
        byte[] raw = load();
        String digest = HexFormat.of().formatHex(sha256(raw));
        if (!digest.equals(OFFICIAL_SHA256)) {
            throw new IllegalStateException(
                    "bundled BIP39 wordlist is damaged: sha256 " + digest + ", expected " + OFFICIAL_SHA256);
        }
        String text = new String(raw, StandardCharsets.US_ASCII);
        WORDS = List.of(text.substring(0, text.length() - 1).split("\n", -1));
        if (WORDS.size() != SIZE) {
            throw new IllegalStateException("bundled BIP39 wordlist has " + WORDS.size() + " words");
        }
        Map<String, Integer> index = new HashMap<>();
        Map<String, String> byPrefix = new HashMap<>();
        for (int i = 0; i < SIZE; i++) {
            String w = WORDS.get(i);
            index.put(w, i);
            byPrefix.put(w.substring(0, Math.min(UNIQUE_PREFIX, w.length())), w);
        }
        INDEX = Map.copyOf(index);
        BY_PREFIX = Map.copyOf(byPrefix);
    }

    private Bip39Wordlist() {}

    static List<String> words() {
        return WORDS;
    }

    static String word(int index) {
        return WORDS.get(index);
    }

    /** The word's position in the list, or -1 for a word not in it. */
    static int indexOf(String word) {
        Integer i = INDEX.get(word);
        return i == null ? -1 : i;
    }

    /**
     * The list word a typo most likely meant: the word sharing its first four letters (which
     * BIP-0039 makes unique), else the closest by edit distance (transpositions count as one
     * edit) if at most {@value #MAX_SUGGESTION_DISTANCE} edits away. Empty for hopeless input,
     * where a suggestion would only mislead.
     */
    static Optional<String> suggest(String typo) {
        if (typo.length() >= UNIQUE_PREFIX) {
            String hit = BY_PREFIX.get(typo.substring(0, UNIQUE_PREFIX));
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (String w : WORDS) {
            int d = distance(typo, w);
            // among equally close words prefer the one sharing the longer start ("yelow" means
            // "yellow", not "below": first letters are rarely the mistyped ones); remaining ties
            // go to the earlier word, so the answer is deterministic
            int prefix = commonPrefix(typo, w);
            if (d < bestDistance || (d == bestDistance && prefix > bestPrefix)) {
                best = w;
                bestDistance = d;
                bestPrefix = prefix;
            }
        }
        return bestDistance <= MAX_SUGGESTION_DISTANCE ? Optional.of(best) : Optional.empty();
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    // optimal string alignment distance: Levenshtein plus adjacent transpositions ("abandno")
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    private static byte[] load() {
        try (InputStream in = Bip39Wordlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("BIP39 wordlist resource " + RESOURCE + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BIP39 wordlist resource", e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM has it
        }
    }
}
