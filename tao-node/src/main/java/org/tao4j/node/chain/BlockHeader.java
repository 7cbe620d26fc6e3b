package org.tao4j.node.chain;

import java.util.Objects;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;

/**
 * A block header. Its hash is Blake2b-256 of its SCALE encoding:
 * {@code parentHash[32] | u64 number | stateRoot[32] | extrinsicsRoot[32] | u64 timestamp | author[32]}.
 *
 * @param timestamp milliseconds since the Unix epoch, read from the authoring node's clock (the
 *     runtime never reads a clock); never less than the parent's
 * @param author the authority that sealed the block (its ed25519 public key)
 */
public record BlockHeader(
        H256 parentHash, long number, H256 stateRoot, H256 extrinsicsRoot, long timestamp, AccountId author) {

    public static final int ENCODED_LENGTH = 32 + 8 + 32 + 32 + 8 + 32;

    public BlockHeader {
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(extrinsicsRoot, "extrinsicsRoot");
        Objects.requireNonNull(author, "author");
        if (number < 0) {
            throw new IllegalArgumentException("block number " + number + " is negative");
        }
    }

    public byte[] encode() {
        ScaleWriter w = new ScaleWriter();
        write(w);
        return w.toByteArray();
    }

    void write(ScaleWriter w) {
        w.fixedBytes(parentHash.bytes())
                .u64(number)
                .fixedBytes(stateRoot.bytes())
                .fixedBytes(extrinsicsRoot.bytes())
                .u64(timestamp)
                .fixedBytes(author.bytes());
    }

    public static BlockHeader decode(byte[] bytes) {
        ScaleReader r = new ScaleReader(bytes);
        BlockHeader h = read(r);
        r.expectEnd();
        return h;
    }

    static BlockHeader read(ScaleReader r) {
        return new BlockHeader(
                new H256(r.readFixedBytes(32)),
                r.readU64(),
                new H256(r.readFixedBytes(32)),
                new H256(r.readFixedBytes(32)),
                r.readU64(),
                new AccountId(r.readFixedBytes(32)));
    }

    /** Blake2b-256 of the encoding: the block's id, and what the author signs. */
    public H256 hash() {
        return new H256(Blake2b.hash256(encode()));
    }
}
