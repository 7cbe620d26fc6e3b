package org.tao4j.client.access;

import java.util.Arrays;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;

/**
 * The {@code X-Tao-Voucher} HTTP header a client sends with each paid query:
 * {@code <channel id, 0x + 64 hex>:<cumulative amount, decimal rao>:<ed25519 signature, 0x + 128 hex>}
 * (the {@code 0x} prefixes are optional). The signature is the client coldkey's over
 * {@code runtime.channels.Voucher.payload(genesis, channel, cumulative)}. docs/access.md.
 */
public record VoucherHeader(H256 channel, long cumulative, byte[] signature) {
    public static final String NAME = "X-Tao-Voucher";
    /** Longest header value accepted: the three fields, their prefixes and a 20-digit amount. */
    public static final int MAX_LENGTH = 2 + 64 + 1 + 20 + 1 + 2 + 128;

    public VoucherHeader {
        if (cumulative < 0) {
            throw new IllegalArgumentException("the cumulative amount must be >= 0 rao");
        }
        if (signature == null || signature.length != 64) {
            throw new IllegalArgumentException("the signature must be 64 bytes");
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Parses a header value.
     *
     * @throws IllegalArgumentException with a one-line reason (what is wrong and the expected form)
     */
    public static VoucherHeader parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + NAME + " header");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(NAME + " is longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = value.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(NAME + " must be CHANNEL:CUMULATIVE_RAO:SIGNATURE");
        }
        H256 channel;
        try {
            channel = H256.fromHex(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": the channel id is not 32 bytes of hex: " + e.getMessage());
        }
        long amount;
        try {
            if (!parts[1].matches("[0-9]{1,19}")) {
                throw new NumberFormatException();
            }
            amount = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(NAME + ": the cumulative amount is not a whole number of rao");
        }
        byte[] sig;
        try {
            sig = Hex.fromHex(parts[2], 64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": the signature is not 64 bytes of hex: " + e.getMessage());
        }
        return new VoucherHeader(channel, amount, sig);
    }

    public String format() {
        return channel.toHex() + ":" + cumulative + ":" + Hex.toHex(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VoucherHeader v
                && channel.equals(v.channel)
                && cumulative == v.cumulative
                && Arrays.equals(signature, v.signature);
    }

    @Override
    public int hashCode() {
        return channel.hashCode() * 31 + Long.hashCode(cumulative);
    }

    @Override
    public String toString() {
        return format();
    }
}
