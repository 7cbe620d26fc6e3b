package org.tao4j.runtime.tx;

import java.util.Arrays;
import java.util.Objects;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;

/**
 * A signed transaction (docs/spec/chain.md §2): signer, nonce, tip, era (the last block it is valid in), call,
 * and an ed25519 signature over the SCALE encoding of the other fields followed by the genesis hash.
 *
 * <p>Wire form: {@code signer[32] | compact nonce | compact tip | u64 era | call | signature[64]}.
 */
public final class Extrinsic {

    private final AccountId signer;
    private final long nonce;
    private final long tip;
    private final long era;
    private final Call call;
    private final byte[] signature;
    private final byte[] encoded;
    private volatile byte[] hash; // computed once, on first use

    private Extrinsic(AccountId signer, long nonce, long tip, long era, Call call, byte[] signature, byte[] encoded) {
        this.signer = signer;
        this.nonce = nonce;
        this.tip = tip;
        this.era = era;
        this.call = call;
        this.signature = signature;
        this.encoded = encoded;
    }

    /** Builds and signs a transaction with the signer's key pair. */
    public static Extrinsic sign(Ed25519.KeyPair key, long nonce, long tip, long era, Call call, byte[] genesisHash) {
        Objects.requireNonNull(call, "call");
        AccountId signer = AccountId.of(key.publicKey());
        byte[] body = body(signer, nonce, tip, era, call);
        byte[] sig = key.sign(payload(body, genesisHash)).bytes();
        return new Extrinsic(signer, nonce, tip, era, call, sig, concat(body, sig));
    }

    /** Decodes a transaction; throws {@link org.tao4j.core.scale.ScaleException} when malformed or over the size limit. */
    public static Extrinsic decode(byte[] bytes) {
        if (bytes.length > org.tao4j.runtime.BlockLimits.MAX_EXTRINSIC_BYTES) {
            throw new org.tao4j.core.scale.ScaleException(
                    0,
                    "the transaction is " + bytes.length + " bytes, more than the "
                            + org.tao4j.runtime.BlockLimits.MAX_EXTRINSIC_BYTES + " a transaction may have");
        }
        ScaleReader r = new ScaleReader(bytes);
        AccountId signer = new AccountId(r.readFixedBytes(32));
        long nonce = r.readCompact();
        long tip = r.readCompact();
        long era = r.readU64();
        Call call = CallCodec.read(r);
        byte[] sig = r.readFixedBytes(64);
        r.expectEnd();
        return new Extrinsic(signer, nonce, tip, era, call, sig, bytes.clone());
    }

    /** True when the signature is valid for this chain's genesis hash. */
    public boolean verify(byte[] genesisHash) {
        byte[] body = Arrays.copyOf(encoded, encoded.length - 64);
        return Ed25519.verify(signer.bytes(), payload(body, genesisHash), signature);
    }

    private static byte[] body(AccountId signer, long nonce, long tip, long era, Call call) {
        ScaleWriter w = new ScaleWriter();
        w.fixedBytes(signer.bytes()).compact(nonce).compact(tip).u64(era);
        CallCodec.write(w, call);
        return w.toByteArray();
    }

    private static byte[] payload(byte[] body, byte[] genesisHash) {
        return concat(body, genesisHash);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    public AccountId signer() {
        return signer;
    }

    public long nonce() {
        return nonce;
    }

    public long tip() {
        return tip;
    }

    public long era() {
        return era;
    }

    public Call call() {
        return call;
    }

    public byte[] signature() {
        return signature.clone();
    }

    public byte[] encode() {
        return encoded.clone();
    }

    public int encodedLength() {
        return encoded.length;
    }

    /** Blake2b-256 of the encoded transaction: its id in the pool, in blocks and over RPC. */
    public byte[] hash() {
        byte[] h = hash;
        if (h == null) {
            h = Blake2b.hash256(encoded);
            hash = h;
        }
        return h.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extrinsic e && Arrays.equals(encoded, e.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Extrinsic{" + signer + " #" + nonce + " " + call.getClass().getSimpleName() + "}";
    }
}
