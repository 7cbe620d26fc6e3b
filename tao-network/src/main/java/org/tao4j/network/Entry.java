package org.tao4j.network;

import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.Justification;

/**
 * What the Raft log holds: one byte of kind, then the body.
 *
 * <ul>
 *   <li>{@code 0x01} block: the SCALE-encoded sealed block the leader proposes;
 *   <li>{@code 0x02} votes: {@code compact n | n × (u64 number | hash[32] | authority[32] | signature[64])},
 *       an authority's finality votes ({@link Justification#sign}) for blocks it imported, 1 to {@value
 *       #MAX_VOTES_PER_ENTRY} per entry.
 *   <li>{@code 0x03} transactions: {@code compact count | count × bytes}, a follower forwarding its pool to
 *       the leader. Sent as a Ratis read-only query, never written to the log.
 * </ul>
 */
sealed interface Entry {

    byte BLOCK = 1;
    byte VOTE = 2;
    byte TXS = 3;
    /** A query for the answering node's RPC URL (one byte; a full node asks the bootnodes). */
    byte RPC_URL = 4;
    /** The most transactions one forwarded batch carries. */
    int MAX_TXS = 1_024;
    /** The most encoded bytes of transactions one forwarded batch carries. */
    int MAX_TXS_BYTES = 4 * 1024 * 1024;
    /** The most votes one vote entry carries. */
    int MAX_VOTES_PER_ENTRY = 64;

    byte[] encode();

    record BlockEntry(Block block) implements Entry {
        @Override
        public byte[] encode() {
            byte[] b = block.encode();
            byte[] out = new byte[b.length + 1];
            out[0] = BLOCK;
            System.arraycopy(b, 0, out, 1, b.length);
            return out;
        }
    }

    /** One finality vote. */
    record VoteEntry(long number, H256 hash, Justification.Vote vote) {
        void write(ScaleWriter w) {
            w.u64(number)
                    .fixedBytes(hash.bytes())
                    .fixedBytes(vote.authority().bytes())
                    .fixedBytes(vote.signature());
        }

        static VoteEntry read(ScaleReader r) {
            long number = r.readU64();
            H256 hash = new H256(r.readFixedBytes(32));
            AccountId who = new AccountId(r.readFixedBytes(32));
            byte[] sig = r.readFixedBytes(Ed25519.SIGNATURE_LENGTH);
            return new VoteEntry(number, hash, new Justification.Vote(who, sig));
        }
    }

    /** One authority's votes, oldest first (a node sends what queued up since its last send). */
    record Votes(List<VoteEntry> votes) implements Entry {
        public Votes {
            votes = List.copyOf(votes);
            if (votes.isEmpty() || votes.size() > MAX_VOTES_PER_ENTRY) {
                throw new IllegalArgumentException("a vote entry carries 1-" + MAX_VOTES_PER_ENTRY + " votes");
            }
        }

        @Override
        public byte[] encode() {
            ScaleWriter w = new ScaleWriter().u8(VOTE);
            w.compact(votes.size());
            votes.forEach(v -> v.write(w));
            return w.toByteArray();
        }
    }

    record TxBatch(List<byte[]> txs) implements Entry {
        public TxBatch {
            txs = List.copyOf(txs);
        }

        @Override
        public byte[] encode() {
            ScaleWriter w = new ScaleWriter().u8(TXS);
            w.compact(txs.size());
            txs.forEach(w::bytes);
            return w.toByteArray();
        }
    }

    /** Asks a node for its RPC URL (a Ratis read-only query, never logged). */
    record RpcUrlQuery() implements Entry {
        @Override
        public byte[] encode() {
            return new byte[] {RPC_URL};
        }
    }

    /** Decodes an entry; malformed bytes throw {@link IllegalArgumentException} with a one-line reason. */
    static Entry decode(byte[] bytes) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty log entry");
        }
        try {
            switch (bytes[0]) {
                case BLOCK -> {
                    byte[] b = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 1, b, 0, b.length);
                    return new BlockEntry(Block.decode(b));
                }
                case VOTE -> {
                    ScaleReader r = new ScaleReader(bytes);
                    r.readU8();
                    int n = r.readLength();
                    if (n < 1 || n > MAX_VOTES_PER_ENTRY) {
                        throw new IllegalArgumentException(
                                "a vote entry carries 1-" + MAX_VOTES_PER_ENTRY + " votes, got " + n);
                    }
                    List<VoteEntry> votes = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        votes.add(VoteEntry.read(r));
                    }
                    r.expectEnd();
                    return new Votes(votes);
                }
                case RPC_URL -> {
                    if (bytes.length != 1) {
                        throw new IllegalArgumentException("an RPC URL query is one byte");
                    }
                    return new RpcUrlQuery();
                }
                case TXS -> {
                    if (bytes.length > MAX_TXS_BYTES + 64 * 1024) {
                        throw new IllegalArgumentException("a forwarded batch is at most " + MAX_TXS_BYTES + " bytes");
                    }
                    ScaleReader r = new ScaleReader(bytes);
                    r.readU8();
                    int n = r.readLength();
                    if (n > MAX_TXS) {
                        throw new IllegalArgumentException(
                                "a forwarded batch carries at most " + MAX_TXS + " transactions");
                    }
                    List<byte[]> txs = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        txs.add(r.readBytes());
                    }
                    r.expectEnd();
                    return new TxBatch(txs);
                }
                default -> throw new IllegalArgumentException("unknown log entry kind " + bytes[0]);
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed log entry: " + e.getMessage(), e);
        }
    }
}
