package org.tao4j.network;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.health.Fatal;
import org.tao4j.node.production.BlockImportException;
import org.tao4j.node.production.Chain;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.node.production.SealedBlock;

/**
 * The chain as a Raft state machine. Committed entries are applied in log order on every authority:
 *
 * <ul>
 *   <li>a block entry that extends the head is imported ({@link Chain#importBlock}: re-executed, state
 *       root checked), or, on the leader that built it, its already-computed {@link SealedBlock} is
 *       committed without running it again. A block entry that does not extend the head (already applied
 *       before a restart, or built on a head that moved) or that fails the import check is skipped — the
 *       same decision on every authority, since each applies the same log to the same state;
 *   <li>a vote entry is checked (a member of the set in force at that block, a valid signature over the
 *       block this node holds at that height) and counted; the first time a block has more than half of
 *       the set's votes, the votes so far make its justification, which is stored and finalizes it. Every
 *       authority builds the same justification, from the same votes in the same order.
 * </ul>
 *
 * Write requests from Ratis clients are admitted by {@link #startTransaction} on the leader: a block
 * only when this node authored it, a vote only when well-formed and signed by an authority; anything
 * else is refused before it reaches the log.
 */
final class ChainStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(ChainStateMachine.class);
    /** The most block heights whose votes are being collected at once (heights above the finalized head). */
    static final int MAX_PENDING_HEIGHTS = 1_024;

    private final Chain chain;
    private final AccountId self;
    private final Consumer<ImportedBlock> onImported;
    private final Consumer<Justification> onFinalized;
    /** The block this node built and proposed, committed as is when its entry is applied. */
    private volatile SealedBlock own;
    /** Votes per height above the finalized head, by voter, in log order. */
    private final TreeMap<Long, Pending> pending = new TreeMap<>();

    private record Pending(H256 hash, List<AccountId> set, Map<AccountId, Justification.Vote> votes) {}

    /**
     * @param onImported told (on the apply thread) of every block this node imported or committed; the
     *     authoring votes for it
     * @param onFinalized told of every justification that finalized a block
     */
    ChainStateMachine(
            Chain chain, AccountId self, Consumer<ImportedBlock> onImported, Consumer<Justification> onFinalized) {
        this.chain = chain;
        this.self = self;
        this.onImported = onImported;
        this.onFinalized = onFinalized;
    }

    /** The block the leader is about to propose. */
    void expectOwn(SealedBlock sealed) {
        this.own = sealed;
    }

    volatile java.util.function.BiConsumer<RaftGroupMemberId, RaftPeerId> leaderListener;

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeader) {
        var l = leaderListener;
        if (l != null) {
            l.accept(member, newLeader);
        }
    }

    /** This node's RPC URL, answered to full nodes that found it through the bootnodes; null: none. */
    volatile String rpcUrl;

    /** Where forwarded transactions go (this node's pool); returns how many were admitted. */
    volatile java.util.function.ToIntFunction<List<byte[]>> txSink;

    /** A read-only query: a follower forwarding transactions to this node's pool. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        Entry e;
        try {
            e = Entry.decode(request.getContent().toByteArray());
        } catch (IllegalArgumentException ex) {
            return CompletableFuture.failedFuture(new IOException("refused: " + ex.getMessage()));
        }
        if (e instanceof Entry.RpcUrlQuery) {
            String url = rpcUrl;
            return url == null
                    ? CompletableFuture.failedFuture(new IOException("refused: this node serves no RPC"))
                    : CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFromUtf8(url)));
        }
        if (!(e instanceof Entry.TxBatch t) || txSink == null) {
            return CompletableFuture.failedFuture(new IOException("refused: not a query this node answers"));
        }
        int admitted = txSink.applyAsInt(t.txs());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFromUtf8(Integer.toString(admitted))));
    }

    // ---------------------------------------------------------------- admission (leader)

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        byte[] data = request.getMessage().getContent().toByteArray();
        Entry e;
        try {
            e = Entry.decode(data);
        } catch (IllegalArgumentException ex) {
            throw new IOException("refused: " + ex.getMessage());
        }
        switch (e) {
            case Entry.BlockEntry b -> {
                if (!b.block().header().author().equals(self)) {
                    throw new IOException("refused: only the leader proposes blocks, and block #"
                            + b.block().number() + " is by "
                            + b.block().header().author().toSs58());
                }
            }
            case Entry.TxBatch t -> throw new IOException("refused: transactions are forwarded as a query, not logged");
            case Entry.RpcUrlQuery q -> throw new IOException("refused: a query, not a log entry");
            case Entry.Votes vs -> {
                List<AccountId> set = chain.headState().authorities();
                for (Entry.VoteEntry v : vs.votes()) {
                    if (!set.contains(v.vote().authority())) {
                        throw new IOException(
                                "refused: vote by " + v.vote().authority().toSs58() + ", which is not an authority");
                    }
                    if (!v.vote().verify(chain.genesisHash(), v.number(), v.hash())) {
                        throw new IOException("refused: a vote's signature is not the authority's");
                    }
                }
            }
        }
        return super.startTransaction(request);
    }

    // ---------------------------------------------------------------- apply (every authority)

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        RaftProtos.LogEntryProto entry = trx.getLogEntry();
        String result;
        try {
            byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
            Entry e;
            try {
                e = Entry.decode(data);
            } catch (IllegalArgumentException ex) {
                LOG.warn("skipping malformed Raft log entry {}: {}", entry.getIndex(), ex.getMessage());
                e = null;
            }
            result = switch (e) {
                case null -> "skipped: malformed entry";
                case Entry.BlockEntry b -> applyBlock(b.block());
                case Entry.Votes vs -> {
                    String last = "no votes";
                    for (Entry.VoteEntry v : vs.votes()) {
                        last = applyVote(v);
                    }
                    yield last;
                }
                case Entry.TxBatch t -> "skipped: transactions are not log entries";
                case Entry.RpcUrlQuery q -> "skipped: a query is not a log entry";
            };
        } catch (Error | RuntimeException ex) {
            // the chain cannot follow the log: a node that skipped an entry the others applied would fork
            String fault = chain.store().fault();
            Fatal.report(
                    "applying Raft log entry " + entry.getIndex() + (fault == null ? "" : " (storage: " + fault + ")"),
                    ex);
            return CompletableFuture.failedFuture(ex);
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFromUtf8(result)));
    }

    private String applyBlock(Block block) {
        ChainStore.Head head = chain.head();
        H256 hash = block.hash();
        if (block.number() <= head.number()) {
            own = null;
            return "skipped: block #" + block.number() + " is not above the head #" + head.number();
        }
        if (!block.header().parentHash().equals(head.hash()) || block.number() != head.number() + 1) {
            own = null;
            return "skipped: block #" + block.number() + " does not extend the head #" + head.number();
        }
        List<AccountId> set = chain.headState().authorities(); // the set in force at this block
        if (!set.contains(block.header().author())) {
            own = null;
            return "skipped: block #" + block.number() + " is by "
                    + block.header().author().toSs58() + ", not an authority";
        }
        SealedBlock mine = own;
        own = null;
        ImportedBlock ib;
        if (mine != null && mine.block().hash().equals(hash)) {
            ib = chain.commit(mine); // built on this head by this node: no need to run it again
        } else {
            try {
                ib = chain.importBlock(block);
            } catch (BlockImportException ex) {
                LOG.warn("skipping committed block #{} {}: {}", block.number(), hash, ex.getMessage());
                return "skipped: " + ex.getMessage();
            }
        }
        trackHeight(block.number(), hash, set);
        onImported.accept(ib);
        return "imported";
    }

    private void trackHeight(long number, H256 hash, List<AccountId> set) {
        pending.put(number, new Pending(hash, set, new LinkedHashMap<>()));
        while (pending.size() > MAX_PENDING_HEIGHTS) {
            pending.pollFirstEntry();
        }
    }

    private String applyVote(Entry.VoteEntry v) {
        long finalized = chain.store().finalized().number();
        if (v.number() <= finalized) {
            pending.headMap(finalized, true).clear();
            return "late vote";
        }
        Pending p = pending.get(v.number());
        if (p == null) {
            ChainStore.Head head = chain.head();
            if (v.number() > head.number()) {
                return "skipped: vote for unknown block #" + v.number();
            }
            H256 h;
            List<AccountId> set;
            try (ChainStore.View view = chain.store().view()) {
                h = view.hashOf(v.number());
            }
            try {
                set = Finality.authoritiesAt(chain, v.number());
            } catch (RuntimeException e) {
                return "skipped: no authority set for #" + v.number() + ": " + e.getMessage();
            }
            if (h == null) {
                return "skipped: vote for unknown block #" + v.number();
            }
            p = new Pending(h, set, new LinkedHashMap<>());
            pending.put(v.number(), p);
            while (pending.size() > MAX_PENDING_HEIGHTS) {
                pending.pollFirstEntry();
            }
        }
        if (!p.hash().equals(v.hash())) {
            return "skipped: vote for another block at #" + v.number();
        }
        AccountId who = v.vote().authority();
        if (!p.set().contains(who) || p.votes().containsKey(who)) {
            return "skipped: not a new authority vote";
        }
        if (!v.vote().verify(chain.genesisHash(), v.number(), v.hash())) {
            return "skipped: bad vote signature";
        }
        p.votes().put(who, v.vote());
        if (p.votes().size() >= Justification.threshold(p.set().size())) {
            Justification j = new Justification(
                    v.number(), v.hash(), new ArrayList<>(p.votes().values()));
            try {
                if (Finality.add(chain, j)) {
                    onFinalized.accept(j);
                }
            } catch (Justification.Invalid e) {
                LOG.error("a justification built from checked votes does not hold: {}", e.getMessage());
                return "skipped: " + e.getMessage();
            }
            pending.headMap(v.number(), true).clear();
            return "finalized";
        }
        return "vote counted";
    }
}
