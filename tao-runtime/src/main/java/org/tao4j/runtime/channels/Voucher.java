package org.tao4j.runtime.channels;

import java.nio.charset.StandardCharsets;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;

/**
 * The bytes of a payment channel (docs/spec/chain.md §12): channel ids and vouchers. Pure functions, shared by
 * the runtime (which checks claims), the gateway (which checks vouchers off chain) and clients (which sign them).
 *
 * <ul>
 *   <li>channel id = Blake2b-256("tao4j/channel" || client(32) || gateway(32) || u64 LE counter), the counter
 *       being the number of channels the client opened before (0 for the first);
 *   <li>voucher = ed25519 signature by the client's coldkey over "tao4j/voucher" || genesis hash(32) ||
 *       channel id(32) || u64 LE cumulative amount (rao).
 * </ul>
 */
public final class Voucher {

    private static final byte[] CHANNEL_TAG = "tao4j/channel".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VOUCHER_TAG = "tao4j/voucher".getBytes(StandardCharsets.US_ASCII);

    /** Length of a voucher signature. */
    public static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_LENGTH;

    private Voucher() {}

    /** The id of the client's {@code counter}-th channel (0-based) to {@code gateway}. */
    public static H256 channelId(AccountId client, AccountId gateway, long counter) {
        return H256.blake2b256(CHANNEL_TAG, client.bytes(), gateway.bytes(), le64(counter));
    }

    /** The signed bytes of a voucher for {@code cumulative} rao on {@code channel} of the chain {@code genesisHash}. */
    public static byte[] payload(byte[] genesisHash, H256 channel, long cumulative) {
        if (genesisHash == null || genesisHash.length != 32) {
            throw new IllegalArgumentException("the genesis hash is 32 bytes");
        }
        byte[] out = new byte[VOUCHER_TAG.length + 32 + 32 + 8];
        int off = 0;
        System.arraycopy(VOUCHER_TAG, 0, out, off, VOUCHER_TAG.length);
        off += VOUCHER_TAG.length;
        System.arraycopy(genesisHash, 0, out, off, 32);
        off += 32;
        System.arraycopy(channel.bytes(), 0, out, off, 32);
        off += 32;
        System.arraycopy(le64(cumulative), 0, out, off, 8);
        return out;
    }

    /** The client's signature (64 bytes) authorising a cumulative payment of {@code cumulative} rao. */
    public static byte[] sign(Ed25519.KeyPair client, byte[] genesisHash, H256 channel, long cumulative) {
        return client.sign(payload(genesisHash, channel, cumulative)).bytes();
    }

    /** Whether {@code sig} is {@code client}'s voucher for {@code cumulative} rao on {@code channel}. */
    public static boolean verify(AccountId client, byte[] genesisHash, H256 channel, long cumulative, byte[] sig) {
        if (sig == null || sig.length != SIGNATURE_LENGTH) {
            return false;
        }
        return Ed25519.verify(client.bytes(), payload(genesisHash, channel, cumulative), sig);
    }

    private static byte[] le64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
