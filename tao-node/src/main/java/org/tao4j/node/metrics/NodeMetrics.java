package org.tao4j.node.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * The node's Prometheus metrics, written by hand in the text exposition format (version 0.0.4):
 * a handful of gauges, counters and histograms need no library.
 */
public final class NodeMetrics {

    private static final double[] SECONDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };
    private static final double[] COUNTS = {0, 1, 5, 10, 50, 100, 500, 1_000, 2_500, 5_000, 10_000, 20_000};

    private final AtomicLong height = new AtomicLong();
    private final AtomicLong lastTimestamp = new AtomicLong(-1);
    private volatile double lastInterval;
    private final Histogram blockInterval = new Histogram(new double[] {0.1, 0.25, 0.5, 1, 2, 5, 12, 30, 60});
    private final Histogram blockImport = new Histogram(SECONDS);
    private final Histogram blockExtrinsics = new Histogram(COUNTS);
    private final LongAdder extrinsicsIncluded = new LongAdder();
    private final Map<Integer, Histogram> epochs = new ConcurrentSkipListMap<>();
    private final Map<String, Histogram> rpc = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rpcErrors = new ConcurrentHashMap<>();
    private final LongAdder poolRejected = new LongAdder();
    private volatile IntSupplier poolSize = () -> 0;
    private volatile IntSupplier poolReady = () -> 0;

    // consensus (tao-network): Raft term, leader changes, commit latency, finality lag
    private volatile java.util.function.LongSupplier raftTerm = () -> 0;
    private final LongAdder leaderChanges = new LongAdder();
    private final AtomicLong finalizedHeight = new AtomicLong();
    private final Histogram commitLatency = new Histogram(SECONDS);
    private final Histogram finalityLag = new Histogram(SECONDS);

    /** Where the Raft term is read from (a replicated node). */
    public void raftTerm(java.util.function.LongSupplier term) {
        this.raftTerm = term;
    }

    public void leaderChanged() {
        leaderChanges.increment();
    }

    /** A block this node proposed was committed by the Raft group, {@code seconds} after the proposal. */
    public void commitLatency(double seconds) {
        commitLatency.observe(seconds);
    }

    /** Block {@code number} became final {@code seconds} after its header timestamp. */
    public void finalized(long number, double seconds) {
        finalizedHeight.set(number);
        finalityLag.observe(Math.max(0, seconds));
    }

    public void poolSize(IntSupplier size, IntSupplier ready) {
        this.poolSize = size;
        this.poolReady = ready;
    }

    /** A block was committed: its number, header timestamp (ms), extrinsic count and the time it took to build and commit. */
    public void block(long number, long timestampMs, int extrinsics, double seconds) {
        height.set(number);
        long prev = lastTimestamp.getAndSet(timestampMs);
        if (prev >= 0 && timestampMs >= prev) {
            lastInterval = (timestampMs - prev) / 1000.0;
            blockInterval.observe(lastInterval);
        }
        blockImport.observe(seconds);
        blockExtrinsics.observe(extrinsics);
        extrinsicsIncluded.add(extrinsics);
    }

    public void height(long number) {
        height.set(number);
    }

    /** The time of the block step that ran a subnet's epoch. */
    public void epoch(int netuid, double seconds) {
        epochs.computeIfAbsent(netuid, n -> new Histogram(SECONDS)).observe(seconds);
    }

    public void rpc(String method, double seconds, boolean error) {
        rpc.computeIfAbsent(method, m -> new Histogram(SECONDS)).observe(seconds);
        if (error) {
            rpcErrors.computeIfAbsent(method, m -> new LongAdder()).increment();
        }
    }

    public void poolRejected() {
        poolRejected.increment();
    }

    public long height() {
        return height.get();
    }

    /** The exposition text. */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "tao_block_height", "Number of the best (= finalized) block.", height.get());
        gauge(
                out,
                "tao_block_time_seconds",
                "Time between the last two blocks, by their header timestamps.",
                lastInterval);
        header(
                out,
                "tao_block_interval_seconds",
                "Time between consecutive blocks, by header timestamps.",
                "histogram");
        blockInterval.write(out, "tao_block_interval_seconds", "");
        header(out, "tao_block_import_seconds", "Time to build (or check) and commit a block.", "histogram");
        blockImport.write(out, "tao_block_import_seconds", "");
        header(out, "tao_block_extrinsics", "Transactions per block.", "histogram");
        blockExtrinsics.write(out, "tao_block_extrinsics", "");
        header(out, "tao_extrinsics_included_total", "Transactions included in blocks.", "counter");
        out.append("tao_extrinsics_included_total ")
                .append(extrinsicsIncluded.sum())
                .append('\n');
        gauge(out, "tao_pool_size", "Transactions in the pool.", poolSize.getAsInt());
        gauge(
                out,
                "tao_pool_ready",
                "Transactions in the pool that are ready for the next block.",
                poolReady.getAsInt());
        header(out, "tao_pool_rejected_total", "Transactions the pool refused.", "counter");
        out.append("tao_pool_rejected_total ").append(poolRejected.sum()).append('\n');
        header(
                out,
                "tao_epoch_duration_seconds",
                "Duration of the block step (steps 2-4 of docs/spec/chain.md §7) in blocks where the subnet's epoch ran.",
                "histogram");
        epochs.forEach((netuid, h) -> h.write(out, "tao_epoch_duration_seconds", "netuid=\"" + netuid + "\""));
        header(out, "tao_rpc_request_seconds", "JSON-RPC request latency by method.", "histogram");
        new TreeMap<>(rpc).forEach((m, h) -> h.write(out, "tao_rpc_request_seconds", "method=\"" + escape(m) + "\""));
        header(out, "tao_rpc_errors_total", "JSON-RPC requests answered with an error, by method.", "counter");
        new TreeMap<>(rpcErrors)
                .forEach((m, c) -> out.append("tao_rpc_errors_total{method=\"")
                        .append(escape(m))
                        .append("\"} ")
                        .append(c.sum())
                        .append('\n'));
        gauge(out, "tao_finalized_height", "Number of the highest justified (final) block.", finalizedHeight.get());
        gauge(out, "tao_raft_term", "The current Raft term (0 without a replicated network).", raftTerm.getAsLong());
        header(out, "tao_raft_leader_changes_total", "Leader changes this node has seen.", "counter");
        out.append("tao_raft_leader_changes_total ").append(leaderChanges.sum()).append('\n');
        header(
                out,
                "tao_raft_commit_seconds",
                "Time from proposing a block to the Raft log until it is committed and applied (leader only).",
                "histogram");
        commitLatency.write(out, "tao_raft_commit_seconds", "");
        header(
                out,
                "tao_finality_lag_seconds",
                "Time from a block's header timestamp until it is final (justified).",
                "histogram");
        finalityLag.write(out, "tao_finality_lag_seconds", "");
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, double v) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(Histogram.format(v)).append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
