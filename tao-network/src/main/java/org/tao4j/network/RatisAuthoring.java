package org.tao4j.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.health.Fatal;
import org.tao4j.node.health.NodeHealth;
import org.tao4j.node.health.RepeatedErrors;
import org.tao4j.node.metrics.NodeMetrics;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.BlockAuthoring;
import org.tao4j.node.production.Chain;
import org.tao4j.node.production.ConsensusStatus;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.node.production.SealedBlock;
import org.tao4j.runtime.BlockLimits;

/**
 * The authorities of a chain as one Raft group (Apache Ratis): the Raft leader authors. Every block
 * time, the leader (once it has applied every committed entry) builds a block from its pool with
 * {@link Chain#build}, and proposes the encoded block to the log; every authority's {@link
 * ChainStateMachine} applies committed entries in order. After importing a block, each authority
 * signs a finality vote and submits it to the log; a block with votes of more than half the set is
 * final (docs/network.md).
 *
 * <p>The group id is derived from the genesis hash, so a node of another chain cannot join: Ratis
 * answers its requests with a group mismatch. The Raft log and its metadata live under {@code
 * <base-path>/ratis}.
 */
public final class RatisAuthoring implements BlockAuthoring, org.tao4j.node.sync.SyncState {

    private static final Logger LOG = LoggerFactory.getLogger(RatisAuthoring.class);
    /** The most finality votes waiting to be sent to the leader; the oldest is dropped beyond (a later block's justification finalizes it too). */
    static final int MAX_VOTES_QUEUED = 64;
    /** How often the reachability of the other authorities' p2p ports is probed. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    /** Raft timing: election timeouts (a follower that hears no leader for this long starts an election). */
    public record Timing(Duration electionMin, Duration electionMax) {
        public static Timing defaults() {
            return new Timing(Duration.ofMillis(600), Duration.ofMillis(1200));
        }
    }

    private final Chain chain;
    private final TransactionPool pool;
    private final Ed25519.KeyPair key;
    private final AccountId self;
    private final Duration blockTime;
    private final int maxExtrinsics;
    private final List<ChainSpec.Bootnode> members;
    private final int p2pPort;
    private final Path dir;
    private final NodeHealth health;
    private final NodeMetrics metrics;
    private final Timing timing;
    private volatile String rpcUrl;
    private final Clock clock = Clock.systemUTC();
    private final RepeatedErrors errors = new RepeatedErrors(LOG);

    private final RaftGroup group;
    private final RaftPeerId selfId;
    private final ClientId authorClient = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    /** This node's votes waiting to be sent (the oldest is dropped when full). */
    private final java.util.concurrent.ArrayBlockingQueue<Entry.VoteEntry> votes =
            new java.util.concurrent.ArrayBlockingQueue<>(MAX_VOTES_QUEUED);
    /** Reachability of each other authority's p2p port (bounded by the group's size). */
    private final Map<String, Boolean> reachable = new ConcurrentHashMap<>();

    private ChainStateMachine sm;
    private RaftServer server;
    private RaftClient client;
    private volatile boolean stopped;
    private Thread author;
    private Thread prober;
    private Thread voter;
    private Thread forwarder;
    private volatile RaftPeerId lastLeader;

    public RatisAuthoring(
            Chain chain,
            TransactionPool pool,
            Ed25519.KeyPair key,
            Duration blockTime,
            int maxExtrinsics,
            List<ChainSpec.Bootnode> members,
            int p2pPort,
            Path dir,
            NodeHealth health,
            NodeMetrics metrics,
            Timing timing) {
        this.chain = chain;
        this.pool = pool;
        this.key = key;
        this.self = AccountId.of(key.publicKey());
        this.blockTime = blockTime;
        this.maxExtrinsics = maxExtrinsics;
        this.members = List.copyOf(members);
        this.p2pPort = p2pPort;
        this.dir = dir;
        this.health = health;
        this.metrics = metrics;
        this.timing = timing;
        this.selfId = peerId(self);
        this.group = RaftGroup.valueOf(groupId(chain.genesisHash()), peers(members));
        if (group.getPeer(selfId) == null) {
            throw new IllegalArgumentException("authority " + self.toSs58()
                    + " has no bootnode entry: add \"" + self.toSs58() + "@host:port\" to the chain spec's bootnodes"
                    + " (or --bootnodes)");
        }
    }

    /** The Raft group of a chain: its id is the first 16 bytes of the genesis hash. */
    public static RaftGroupId groupId(H256 genesis) {
        ByteBuffer b = ByteBuffer.wrap(genesis.bytes());
        return RaftGroupId.valueOf(new UUID(b.getLong(), b.getLong()));
    }

    static RaftPeerId peerId(AccountId a) {
        return RaftPeerId.valueOf(a.toSs58());
    }

    static List<RaftPeer> peers(List<ChainSpec.Bootnode> members) {
        List<RaftPeer> out = new ArrayList<>();
        for (ChainSpec.Bootnode b : members) {
            out.add(RaftPeer.newBuilder()
                    .setId(peerId(b.authority()))
                    .setAddress(b.address())
                    .build());
        }
        return out;
    }

    RaftProperties properties() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        ChainSpec.Bootnode me = members.stream()
                .filter(b -> b.authority().equals(self))
                .findFirst()
                .orElseThrow();
        GrpcConfigKeys.Server.setHost(p, me.host());
        GrpcConfigKeys.Server.setPort(p, p2pPort);
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(
                p, TimeDuration.valueOf(timing.electionMin().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(
                p, TimeDuration.valueOf(timing.electionMax().toMillis(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, false);
        // a log entry holds at most one block (BlockLimits.MAX_BLOCK_BYTES) plus its framing
        SizeInBytes entry = SizeInBytes.valueOf(BlockLimits.MAX_BLOCK_BYTES + (1 << 20));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entry.getSize() + 4096));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(2L * entry.getSize()));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, 2);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, entry);
        GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(2L * entry.getSize()));
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        return p;
    }

    /** The RPC URL this node gives full nodes that ask (null: none). Call before {@link #start}. */
    public RatisAuthoring withRpcUrl(String url) {
        this.rpcUrl = url;
        return this;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            Files.createDirectories(dir);
            RaftProperties props = properties();
            sm = new ChainStateMachine(chain, self, this::imported, this::finalized);
            sm.leaderListener = (member, leader) -> leaderChanged(leader);
            sm.txSink = this::admitForwarded;
            sm.rpcUrl = rpcUrl;
            boolean fresh;
            try (var s = Files.list(dir)) {
                fresh = s.findAny().isEmpty();
            }
            server = RaftServer.newBuilder()
                    .setServerId(selfId)
                    .setGroup(group)
                    .setProperties(props)
                    .setStateMachine(sm)
                    .setOption(fresh ? RaftStorage.StartupOption.FORMAT : RaftStorage.StartupOption.RECOVER)
                    .build();
            server.start();
            client = RaftClient.newBuilder()
                    .setProperties(props)
                    .setRaftGroup(group)
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                            5, TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                    .build();
        } catch (IOException e) {
            LOG.debug("starting the Raft server", e);
            throw new IllegalStateException(
                    "cannot start the Raft server on p2p port " + p2pPort + ": " + e.getMessage(), e);
        }
        metrics.raftTerm(() -> {
            try {
                return info().getCurrentTerm();
            } catch (RuntimeException e) {
                return 0;
            }
        });
        LOG.info(
                "Raft group {} of {} authorities; this node is {} on p2p port {}",
                group.getGroupId(),
                members.size(),
                self.toSs58(),
                p2pPort);
        author = new Thread(this::authorLoop, "ratis-author");
        author.start();
        prober = Thread.ofPlatform().daemon().name("peer-probe").start(this::probeLoop);
        voter = Thread.ofPlatform().daemon().name("ratis-votes").start(this::voteLoop);
        forwarder = Thread.ofPlatform().daemon().name("tx-forward").start(this::forwardLoop);
    }

    private DivisionInfo info() {
        try {
            return server.getDivision(group.getGroupId()).getInfo();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- authoring

    private void authorLoop() {
        try {
            long next = System.nanoTime();
            while (!stopped) {
                sleepUntil(next);
                if (stopped) {
                    break;
                }
                long started = System.nanoTime();
                next = started + blockTime.toNanos();
                try {
                    proposeIfLeader();
                    errors.clear();
                } catch (RuntimeException e) {
                    if (stopped) {
                        break;
                    }
                    String fault = chain.store().fault();
                    if (fault != null) {
                        Fatal.report("block production (storage: " + fault + ")", null);
                        return;
                    }
                    errors.error("block production failed; retrying every " + blockTime.toMillis() + " ms", e);
                }
                next = Math.max(next, System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            Fatal.report("block production", t);
            return;
        }
        if (!stopped) {
            Fatal.report("block production stopped unexpectedly", null);
        }
    }

    private void proposeIfLeader() throws InterruptedException {
        RaftServer.Division d;
        try {
            d = server.getDivision(group.getGroupId());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        DivisionInfo info = d.getInfo();
        if (!info.isLeader() || !info.isLeaderReady()) {
            if (health != null) {
                health.progress(); // a follower's progress is the blocks it imports; waiting is not a stall
            }
            return;
        }
        if (info.getLastAppliedIndex() < d.getRaftLog().getLastCommittedIndex()) {
            return; // not every committed entry is applied yet: the head is not the log's
        }
        SealedBlock sealed = chain.build(key, pool, clock.millis(), maxExtrinsics);
        sm.expectOwn(sealed);
        RaftClientRequest req = RaftClientRequest.newBuilder()
                .setClientId(authorClient)
                .setServerId(selfId)
                .setGroupId(group.getGroupId())
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(new Entry.BlockEntry(sealed.block()).encode())))
                .setType(RaftClientRequest.writeRequestType())
                .build();
        long t0 = System.nanoTime();
        RaftClientReply reply;
        try {
            long waitMs = Math.max(5_000, 10 * blockTime.toMillis());
            reply = server.submitClientRequestAsync(req).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | TimeoutException e) {
            sm.expectOwn(null);
            LOG.info("block #{} was not committed: {}", sealed.block().number(), e.toString());
            return;
        }
        if (!reply.isSuccess()) {
            sm.expectOwn(null);
            LOG.info(
                    "block #{} was not committed: {}",
                    sealed.block().number(),
                    reply.getException() == null
                            ? "no reason"
                            : reply.getException().getMessage());
            return;
        }
        metrics.commitLatency((System.nanoTime() - t0) / 1e9);
        String result = reply.getMessage().getContent().toStringUtf8();
        if (!result.equals("imported")) {
            LOG.info("own block #{} {}", sealed.block().number(), result);
        }
    }

    private final Object sleeper = new Object();

    private void sleepUntil(long deadline) throws InterruptedException {
        synchronized (sleeper) {
            long left;
            while (!stopped && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(sleeper, left);
            }
        }
    }

    // ---------------------------------------------------------------- finality votes

    /** On the apply thread: a block was imported; vote for it unless it is old (a catch-up). */
    private void imported(ImportedBlock ib) {
        long age = clock.millis() - ib.block().header().timestamp();
        if (age > Math.max(30_000, 20 * blockTime.toMillis()) || stopped) {
            return;
        }
        Justification.Vote v = Justification.sign(key, chain.genesisHash(), ib.number(), ib.hash());
        Entry.VoteEntry entry = new Entry.VoteEntry(ib.number(), ib.hash(), v);
        while (!votes.offer(entry)) {
            votes.poll(); // the leader is unreachable or slow: the newest votes matter (finality of a block covers
            // its ancestors)
        }
    }

    /**
     * Sends this node's votes to the leader through a Raft client (which follows leader changes): one entry
     * per send, carrying every vote queued since the last one.
     */
    private void voteLoop() {
        while (!stopped) {
            Entry.VoteEntry first;
            try {
                first = votes.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                continue;
            }
            List<Entry.VoteEntry> batch = new ArrayList<>();
            batch.add(first);
            votes.drainTo(batch, Entry.MAX_VOTES_PER_ENTRY - 1);
            try {
                RaftClientReply r =
                        client.io().send(Message.valueOf(ByteString.copyFrom(new Entry.Votes(batch).encode())));
                if (!r.isSuccess() && !stopped) {
                    LOG.debug(
                            "vote not accepted: {}",
                            r.getException() == null ? "?" : r.getException().getMessage());
                }
            } catch (IOException | RuntimeException e) {
                if (!stopped) {
                    LOG.debug("vote not delivered: {}", e.toString());
                }
            }
        }
    }

    private void finalized(Justification j) {
        var header = chain.store().view();
        long ts;
        try (header) {
            ts = header.header(j.blockHash()).timestamp();
        }
        metrics.finalized(j.number(), (clock.millis() - ts) / 1000.0);
    }

    private void leaderChanged(RaftPeerId leader) {
        if (leader != null && !leader.equals(lastLeader)) {
            lastLeader = leader;
            metrics.leaderChanged();
            LOG.info("Raft leader is now {}{}", leader, leader.equals(selfId) ? " (this node)" : "");
        }
    }

    // ---------------------------------------------------------------- transaction forwarding

    /** The most transaction hashes remembered as forwarded to the current leader. */
    static final int MAX_FORWARDED_REMEMBERED = 16_384;

    private final Object forwardWake = new Object();
    private volatile boolean forwardPending;
    /** Hashes of the pooled transactions already forwarded to {@link #forwardedTo} (bounded, oldest forgotten). */
    private final Map<H256, Boolean> forwarded = new java.util.LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<H256, Boolean> e) {
            return size() > MAX_FORWARDED_REMEMBERED;
        }
    };

    private RaftPeerId forwardedTo;

    @Override
    public void transactionArrived() {
        if (forwardPending) {
            return;
        }
        forwardPending = true;
        synchronized (forwardWake) {
            forwardWake.notifyAll();
        }
    }

    /** On the leader: transactions a follower forwarded enter this node's pool (refusals are dropped). */
    private int admitForwarded(List<byte[]> txs) {
        int ok = 0;
        for (byte[] tx : txs) {
            try {
                pool.submit(tx, null);
                ok++;
            } catch (org.tao4j.node.pool.PoolRejection e) {
                // already here, invalid or no room: the follower keeps it until it sees it included or dropped
            }
        }
        return ok;
    }

    /**
     * On a follower: every pooled transaction not yet forwarded to the current leader goes to it, in
     * batches of at most {@link Entry#MAX_TXS}; after a leader change, all of them again. A transaction
     * stays in this node's pool until a block includes it or it becomes invalid.
     */
    private void forwardLoop() {
        while (!stopped) {
            try {
                synchronized (forwardWake) {
                    if (!forwardPending) {
                        forwardWake.wait(500);
                    }
                }
                forwardPending = false;
                forwardOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.debug("forwarding transactions: {}", e.toString());
                }
            }
        }
    }

    private void forwardOnce() {
        if (pool.size() == 0) {
            return;
        }
        DivisionInfo info = info();
        RaftPeerId leader = info.getLeaderId();
        if (info.isLeader() || leader == null) {
            return;
        }
        if (!leader.equals(forwardedTo)) {
            forwarded.clear(); // a new leader has none of them
            forwardedTo = leader;
        }
        List<org.tao4j.runtime.tx.Extrinsic> pending = pool.pending(0, 8 * Entry.MAX_TXS, 8L * Entry.MAX_TXS_BYTES);
        List<byte[]> batch = new ArrayList<>();
        List<H256> hashes = new ArrayList<>();
        long bytes = 0;
        for (org.tao4j.runtime.tx.Extrinsic x : pending) {
            H256 h = new H256(x.hash());
            if (forwarded.containsKey(h)) {
                continue;
            }
            byte[] enc = x.encode();
            if (batch.size() == Entry.MAX_TXS || bytes + enc.length > Entry.MAX_TXS_BYTES) {
                send(leader, batch, hashes);
                batch = new ArrayList<>();
                hashes = new ArrayList<>();
                bytes = 0;
            }
            batch.add(enc);
            hashes.add(h);
            bytes += enc.length;
        }
        if (!batch.isEmpty()) {
            send(leader, batch, hashes);
        }
    }

    private void send(RaftPeerId leader, List<byte[]> batch, List<H256> hashes) {
        try {
            RaftClientReply r = client.io()
                    .sendStaleRead(Message.valueOf(ByteString.copyFrom(new Entry.TxBatch(batch).encode())), 0, leader);
            if (r.isSuccess()) {
                hashes.forEach(h -> forwarded.put(h, Boolean.TRUE));
            }
        } catch (IOException e) {
            LOG.debug("forwarding {} transactions to {}: {}", batch.size(), leader, e.toString());
        }
    }

    // ---------------------------------------------------------------- status

    private void probeLoop() {
        while (!stopped) {
            for (ChainSpec.Bootnode b : members) {
                if (b.authority().equals(self) || stopped) {
                    continue;
                }
                boolean ok;
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(b.host(), b.port()), 500);
                    ok = true;
                } catch (IOException e) {
                    ok = false;
                }
                reachable.put(b.authority().toSs58(), ok);
            }
            try {
                Thread.sleep(PROBE_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public int peers() {
        return (int) reachable.values().stream().filter(Boolean::booleanValue).count();
    }

    /** Syncing: no leader known, or this node has not applied what the group committed. */
    @Override
    public boolean isSyncing() {
        if (server == null) {
            return true;
        }
        try {
            RaftServer.Division d = server.getDivision(group.getGroupId());
            return d.getInfo().getLeaderId() == null
                    || d.getInfo().getLastAppliedIndex() + 16 < d.getRaftLog().getLastCommittedIndex();
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    @Override
    public boolean shouldHavePeers() {
        return members.size() > 1;
    }

    @Override
    public ConsensusStatus consensusStatus() {
        if (server == null) {
            return new ConsensusStatus("follower", null, 0, List.of());
        }
        RaftServer.Division d;
        try {
            d = server.getDivision(group.getGroupId());
        } catch (IOException e) {
            return new ConsensusStatus("follower", null, 0, List.of());
        }
        DivisionInfo info = d.getInfo();
        RaftPeerId leaderId = info.getLeaderId();
        AccountId leader = null;
        if (leaderId != null) {
            try {
                leader = AccountId.fromSs58(leaderId.toString());
            } catch (IllegalArgumentException e) {
                leader = null;
            }
        }
        Map<String, Long> match = new HashMap<>();
        if (info.isLeader()) {
            for (RaftProtos.CommitInfoProto c : d.getCommitInfos()) {
                match.put(c.getServer().getId().toStringUtf8(), c.getCommitIndex());
            }
        }
        List<ConsensusStatus.Peer> peers = new ArrayList<>();
        for (ChainSpec.Bootnode b : members) {
            String id = b.authority().toSs58();
            if (b.authority().equals(self)) {
                continue;
            }
            peers.add(new ConsensusStatus.Peer(
                    id, b.address(), reachable.getOrDefault(id, false), match.getOrDefault(id, -1L)));
        }
        return new ConsensusStatus(info.isLeader() ? "leader" : "follower", leader, info.getCurrentTerm(), peers);
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        Thread t = author;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (prober != null) {
            prober.interrupt();
        }
        if (voter != null) {
            voter.interrupt();
        }
        if (forwarder != null) {
            forwarder.interrupt();
        }
        try {
            if (client != null) {
                client.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the Raft client: {}", e.toString());
        }
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing the Raft server: {}", e.toString());
        }
    }
}
