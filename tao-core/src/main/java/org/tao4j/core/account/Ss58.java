package org.tao4j.core.account;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.Arrays;
import org.tao4j.core.crypto.Blake2b;

/**
 * Substrate's SS58 address format for 32-byte account ids:
 * {@code base58(prefix || account id || checksum)}, where the checksum is the first two bytes
 * of BLAKE2b-512("SS58PRE" || prefix || account id). Prefixes below 64 take one byte; 64 to
 * 16383 take two, packed as in sp-core. Our chain uses the generic Substrate prefix 42.
 */
public final class Ss58 {
    /** The generic Substrate network prefix, which Bittensor also uses: addresses start with '5'. */
    public static final int PREFIX = 42;

    public static final int MAX_PREFIX = 16_383;

    private static final byte[] CONTEXT = "SS58PRE".getBytes(US_ASCII);
    private static final int CHECKSUM_LENGTH = 2;
    // the longest valid address (2-byte prefix) is 49 characters; anything much longer is refused
    // before base58 decoding, whose cost grows with the square of the length
    private static final int MAX_CHARS = 64;
    private static final int MAX_QUOTED = 64;

    private Ss58() {}

    /** The address of {@code id} under the prefix {@value #PREFIX}. */
    public static String encode(AccountId id) {
        return encode(id, PREFIX);
    }

    /** The address of {@code id} under {@code prefix}, 0 to {@value #MAX_PREFIX}. */
    public static String encode(AccountId id, int prefix) {
        byte[] prefixBytes = prefixBytes(prefix);
        byte[] key = id.bytes();
        byte[] data = Arrays.copyOf(prefixBytes, prefixBytes.length + AccountId.LENGTH + CHECKSUM_LENGTH);
        System.arraycopy(key, 0, data, prefixBytes.length, AccountId.LENGTH);
        byte[] checksum = Blake2b.hash512(CONTEXT, prefixBytes, key);
        System.arraycopy(checksum, 0, data, prefixBytes.length + AccountId.LENGTH, CHECKSUM_LENGTH);
        return Base58.encode(data);
    }

    /**
     * Parses an address that must carry the prefix {@value #PREFIX}.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem: bad base58
     *     character, wrong length, bad checksum, or wrong network prefix
     */
    public static AccountId decode(String address) {
        return decode(address, PREFIX);
    }

    /** As {@link #decode(String)}, for an address that must carry {@code expectedPrefix}. */
    public static AccountId decode(String address, int expectedPrefix) {
        prefixBytes(expectedPrefix); // validates the caller's argument before blaming the address
        if (address == null) {
            throw new IllegalArgumentException("invalid SS58 address: null");
        }
        try {
            Base58.checkAlphabet(address);
        } catch (IllegalArgumentException e) {
            throw invalid(address, e.getMessage());
        }
        if (address.length() > MAX_CHARS) {
            throw invalid(address, "wrong length, " + address.length() + " characters (at most " + MAX_CHARS + ")");
        }
        byte[] data = Base58.decode(address);
        if (data.length == 0) {
            throw invalid(address, "wrong length, decoded to 0 bytes");
        }
        int shortest = 1 + AccountId.LENGTH + CHECKSUM_LENGTH;
        if (data.length != shortest && data.length != shortest + 1) {
            // a truncated or extended address decodes to a different first byte too: say what is
            // certain (its length) before guessing at a prefix
            throw invalid(
                    address,
                    "wrong length, decoded to " + data.length + " bytes, expected " + shortest
                            + " or " + (shortest + 1)
                            + " (a 1- or 2-byte prefix, 32-byte account id, 2-byte checksum); "
                            + "is the address complete?");
        }
        int first = data[0] & 0xff;
        if (first >= 128) {
            // sp-core reserves these first bytes for future address kinds
            throw invalid(
                    address,
                    String.format(
                            "wrong network prefix (expected %d, got reserved first byte 0x%02x)",
                            expectedPrefix, first));
        }
        int prefixLength = first < 64 ? 1 : 2;
        int expectedLength = prefixLength + AccountId.LENGTH + CHECKSUM_LENGTH;
        if (data.length != expectedLength) {
            throw invalid(
                    address,
                    "wrong length, decoded to " + data.length + " bytes, expected " + expectedLength + " ("
                            + prefixLength + "-byte prefix, 32-byte account id, 2-byte checksum)");
        }
        int bodyEnd = prefixLength + AccountId.LENGTH;
        byte[] checksum = Blake2b.hash512(CONTEXT, Arrays.copyOf(data, bodyEnd));
        if (data[bodyEnd] != checksum[0] || data[bodyEnd + 1] != checksum[1]) {
            throw invalid(address, "bad checksum");
        }
        int prefix = prefixLength == 1 ? first : twoBytePrefix(data[0], data[1]);
        if (prefixLength == 2 && prefix < 64) {
            // a second spelling of a one-byte prefix would give one account two addresses
            throw invalid(
                    address,
                    "wrong network prefix (expected " + expectedPrefix + ", got non-canonical two-byte encoding of "
                            + prefix + ")");
        }
        if (prefix != expectedPrefix) {
            throw invalid(address, "wrong network prefix (expected " + expectedPrefix + ", got " + prefix + ")");
        }
        return new AccountId(Arrays.copyOfRange(data, prefixLength, bodyEnd));
    }

    // sp-core's packing: the low 6 bits of the first byte hold bits 2..7 of the prefix, the top
    // 2 bits of the second byte hold bits 0..1, and its low 6 bits hold bits 8..13
    static byte[] prefixBytes(int prefix) {
        if (prefix < 0 || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("SS58 prefix must be 0 to " + MAX_PREFIX + ", got " + prefix);
        }
        if (prefix < 64) {
            return new byte[] {(byte) prefix};
        }
        int first = ((prefix & 0b1111_1100) >> 2) | 0b0100_0000;
        int second = (prefix >> 8) | ((prefix & 0b11) << 6);
        return new byte[] {(byte) first, (byte) second};
    }

    static int twoBytePrefix(byte b0, byte b1) {
        int lower = ((b0 << 2) | ((b1 & 0xff) >> 6)) & 0xff;
        int upper = b1 & 0b0011_1111;
        return lower | (upper << 8);
    }

    private static IllegalArgumentException invalid(String address, String problem) {
        StringBuilder quoted = new StringBuilder();
        int n = Math.min(address.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            quoted.append(Base58.printable(address.charAt(i)));
        }
        if (address.length() > MAX_QUOTED) {
            quoted.append("...");
        }
        return new IllegalArgumentException("invalid SS58 address \"" + quoted + "\": " + problem);
    }
}
