package org.tao4j.node.chain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;

/**
 * Proof that a block is final: signatures of more than half of the authority set in force at that
 * block, each over {@link #payload} (docs/network.md, "Finality and justifications").
 *
 * <p>Encoding (SCALE): {@code u64 number | blockHash[32] | compact count | count × (authority[32] |
 * signature[64])}. A vote is an ed25519 signature by an authority's key over ASCII {@code
 * "tao4j/finality"} ‖ genesis hash[32] ‖ u64 little-endian block number ‖ block hash[32]: binding the
 * genesis hash keeps a vote from being replayed on another chain, the number and hash bind it to one
 * block.
 *
 * <p>The authority set "in force at block N" is the set in the state of block N's parent (so the
 * block that changes the set is still justified by the old one, and the next block by the new one).
 */
public record Justification(long number, H256 blockHash, List<Vote> votes) {

    /** The most votes a justification may carry (and so the largest authority set a chain may have). */
    public static final int MAX_VOTES = 256;

    private static final byte[] DOMAIN = "tao4j/finality".getBytes(StandardCharsets.US_ASCII);

    public record Vote(AccountId authority, byte[] signature) {
        public Vote {
            Objects.requireNonNull(authority, "authority");
            if (signature == null || signature.length != Ed25519.SIGNATURE_LENGTH) {
                throw new IllegalArgumentException("a finality vote's signature must be 64 bytes");
            }
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        /** True when the signature is this authority's over the block. */
        public boolean verify(H256 genesisHash, long number, H256 blockHash) {
            return Ed25519.verify(authority.bytes(), payload(genesisHash, number, blockHash), signature);
        }
    }

    /** Why a justification does not prove finality. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    public Justification {
        Objects.requireNonNull(blockHash, "blockHash");
        votes = List.copyOf(votes);
        if (number < 0) {
            throw new IllegalArgumentException("block number " + number + " is negative");
        }
        if (votes.size() > MAX_VOTES) {
            throw new IllegalArgumentException("a justification carries at most " + MAX_VOTES + " votes");
        }
    }

    /** The bytes an authority signs to vote that block {@code number} with hash {@code blockHash} is final. */
    public static byte[] payload(H256 genesisHash, long number, H256 blockHash) {
        return new ScaleWriter()
                .fixedBytes(DOMAIN)
                .fixedBytes(genesisHash.bytes())
                .u64(number)
                .fixedBytes(blockHash.bytes())
                .toByteArray();
    }

    /** This authority's vote for the block. */
    public static Vote sign(Ed25519.KeyPair key, H256 genesisHash, long number, H256 blockHash) {
        return new Vote(
                AccountId.of(key.publicKey()),
                key.sign(payload(genesisHash, number, blockHash)).bytes());
    }

    /** The smallest number of distinct authority votes that finalizes a block: more than half the set. */
    public static int threshold(int authorities) {
        return authorities / 2 + 1;
    }

    /**
     * Checks this justification against the authority set in force at the block: every vote is by a
     * distinct member of {@code authorities} with a valid signature over this block, and there are
     * more than half as many votes as authorities.
     *
     * @throws Invalid with a one-line reason
     */
    public void check(H256 genesisHash, List<AccountId> authorities) throws Invalid {
        Set<AccountId> set = new HashSet<>(authorities);
        Set<AccountId> seen = new HashSet<>();
        for (Vote v : votes) {
            if (!set.contains(v.authority())) {
                throw new Invalid("block #" + number + " " + blockHash.toHex() + ": justification signed by "
                        + v.authority().toSs58() + ", which is not an authority at that block");
            }
            if (!seen.add(v.authority())) {
                throw new Invalid("block #" + number + " " + blockHash.toHex() + ": justification holds two votes by "
                        + v.authority().toSs58());
            }
            if (!v.verify(genesisHash, number, blockHash)) {
                throw new Invalid("block #" + number + " " + blockHash.toHex() + ": the vote of "
                        + v.authority().toSs58() + " is not a valid signature over this block");
            }
        }
        int need = threshold(set.size());
        if (seen.size() < need) {
            throw new Invalid("block #" + number + " " + blockHash.toHex() + ": justification has " + seen.size()
                    + " of the " + need + " authority votes it needs (of " + set.size() + ")");
        }
    }

    public byte[] encode() {
        ScaleWriter w = new ScaleWriter().u64(number).fixedBytes(blockHash.bytes());
        w.vec(votes, (ww, v) -> ww.fixedBytes(v.authority().bytes()).fixedBytes(v.signature()));
        return w.toByteArray();
    }

    /**
     * Decodes a justification; malformed bytes (truncated, trailing bytes, more than {@value
     * #MAX_VOTES} votes) throw {@link IllegalArgumentException}.
     */
    public static Justification decode(byte[] bytes) {
        try {
            ScaleReader r = new ScaleReader(bytes);
            long number = r.readU64();
            H256 hash = new H256(r.readFixedBytes(32));
            int n = r.readLength();
            if (n > MAX_VOTES) {
                throw new IllegalArgumentException("a justification carries at most " + MAX_VOTES + " votes, got " + n);
            }
            List<Vote> votes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                votes.add(new Vote(new AccountId(r.readFixedBytes(32)), r.readFixedBytes(Ed25519.SIGNATURE_LENGTH)));
            }
            r.expectEnd();
            return new Justification(number, hash, votes);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed justification: " + e.getMessage(), e);
        }
    }
}
