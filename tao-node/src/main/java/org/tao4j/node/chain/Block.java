package org.tao4j.node.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleException;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.runtime.BlockLimits;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A sealed block: the header, the author's ed25519 signature over the header hash, and the
 * extrinsics in order. SCALE form: {@code header | signature[64] | vec<bytes> extrinsics}.
 */
public record Block(BlockHeader header, byte[] signature, List<Extrinsic> extrinsics) {

    public Block {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != Ed25519.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("a block signature is 64 bytes, got " + signature.length);
        }
        signature = signature.clone();
        extrinsics = List.copyOf(extrinsics);
    }

    /** Seals a header: the author's key signs its hash. */
    public static Block seal(BlockHeader header, Ed25519.KeyPair author, List<Extrinsic> extrinsics) {
        return new Block(header, author.sign(header.hash().bytes()).bytes(), extrinsics);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    public H256 hash() {
        return header.hash();
    }

    public long number() {
        return header.number();
    }

    /** True when the signature is the header author's over the header hash. */
    public boolean signatureValid() {
        return Ed25519.verify(header.author().bytes(), header.hash().bytes(), signature);
    }

    public byte[] encode() {
        ScaleWriter w = new ScaleWriter();
        header.write(w);
        w.fixedBytes(signature);
        w.compact(extrinsics.size());
        for (Extrinsic x : extrinsics) {
            w.bytes(x.encode());
        }
        return w.toByteArray();
    }

    /**
     * The length of {@link #encode()}, without encoding: header, seal, and each transaction with its compact
     * length prefix. The consensus limit {@link BlockLimits#MAX_BLOCK_BYTES} applies to it.
     */
    public long encodedLength() {
        long n = BlockHeader.ENCODED_LENGTH + Ed25519.SIGNATURE_LENGTH + BlockLimits.compactLength(extrinsics.size());
        for (Extrinsic x : extrinsics) {
            n += BlockLimits.compactLength(x.encodedLength()) + x.encodedLength();
        }
        return n;
    }

    /** Decodes only the header at the start of an encoded block. */
    public static BlockHeader decodeHeader(byte[] encodedBlock) {
        return BlockHeader.read(new ScaleReader(encodedBlock));
    }

    /** Decodes a block; malformed input (or a malformed extrinsic inside it) throws {@link ScaleException}. */
    public static Block decode(byte[] bytes) {
        ScaleReader r = new ScaleReader(bytes);
        BlockHeader h = BlockHeader.read(r);
        byte[] sig = r.readFixedBytes(64);
        int n = r.readLength();
        List<Extrinsic> xs = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
            xs.add(Extrinsic.decode(r.readBytes()));
        }
        r.expectEnd();
        return new Block(h, sig, xs);
    }
}
