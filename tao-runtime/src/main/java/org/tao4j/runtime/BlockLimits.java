package org.tao4j.runtime;

/**
 * The consensus limits in bytes (docs/spec/chain.md §2 and §7). Every node enforces them the same
 * way: a transaction over {@link #MAX_EXTRINSIC_BYTES} is invalid, and a block over
 * {@link #MAX_BLOCK_BYTES} is neither built nor imported.
 *
 * <p><b>Why 32 KiB per transaction.</b> The largest legitimate call is a weights row over the
 * largest subnet ({@code max_allowed_uids} may rise to {@link org.tao4j.runtime.subnets.Subnets#MAX_UIDS}
 * = 4,096, and {@code max_weights_per_call} is 4,096). Its encoded size, with the worst-case compact
 * nonce and tip (9 bytes each):
 * <pre>
 *   signer 32 + nonce 9 + tip 9 + era 8 + signature 64                          =    122
 *   set_weights: module+index 2 + netuid 2 + dests (compact 2 + 4,096 x 2)
 *                + values (compact 2 + 4,096 x 2) + version_key 8                = 16,400
 *   reveal_weights: the same + salt (the SDK's 16 bytes: compact 1 + 16)         = 16,417
 *   wrapped once in sudo or propose                                              +      2
 *   largest legitimate transaction                                                 16,541
 * </pre>
 * {@code set_root_weights} over 4,096 subnets is smaller (16,512). The limit is the next power of
 * two above that, 32,768 bytes (1.98 times it): room for longer salts, never room for a
 * 4.8 MB weights call.
 *
 * <p><b>Why 5 MiB per block</b> (Substrate's default): at least 158 of the largest transactions, or
 * about 36,000 transfers (~146 bytes each), far above what a block takes in a block time; small
 * enough that a block is built, sent and checked in well under a second, and served over RPC as
 * about 10.5 MiB of JSON.
 */
public final class BlockLimits {

    /** The largest encoded transaction, in bytes. */
    public static final int MAX_EXTRINSIC_BYTES = 32 * 1024;

    /** The largest encoded block (header, seal, and the length-prefixed transactions), in bytes. */
    public static final int MAX_BLOCK_BYTES = 5 * 1024 * 1024;

    private BlockLimits() {}

    /** The length of SCALE's compact encoding of {@code n} (n ≥ 0). */
    public static int compactLength(long n) {
        if (n < 1L << 6) {
            return 1;
        }
        if (n < 1L << 14) {
            return 2;
        }
        if (n < 1L << 30) {
            return 4;
        }
        return 1 + (64 - Long.numberOfLeadingZeros(n) + 7) / 8;
    }
}
