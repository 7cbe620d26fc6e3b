package org.tao4j.sdk.bench;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.Axon;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * Loopback benchmark of the signed axon/dendrite round trip (issue 6, "Benchmark"): one axon with
 * a trivial handler, one dendrite keeping {@code --concurrency} requests in flight, for
 * {@code --seconds} after {@code --warmup}. Beside it, in the same JVM and run, the machine's
 * ed25519 sign+verify throughput over the same message size on every core: each round trip
 * costs two signatures and two verifications, so half that rate is the floor the round trip
 * rate is compared to.
 *
 * <p>Run with {@code tao-sdk/bench.sh [--concurrency=64] [--seconds=10] [--warmup=5] [--http=1.1|2]}.
 * Not a JMH benchmark: the unit under test is a client and a server on one machine, which JMH's
 * per-thread harness cannot drive; the measured window, warm-up and percentiles are done here.
 */
public final class LoopbackBenchmark {
    record Ping(long n) {}

    record Pong(long n) {}

    static final Synapse<Ping, Pong> PING = Synapse.of("Ping", Ping.class, Pong.class);

    public static void main(String[] args) throws Exception {
        int concurrency = 64;
        int seconds = 10;
        int warmup = 5;
        HttpClient.Version version = HttpClient.Version.HTTP_1_1;
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "concurrency" -> concurrency = Integer.parseInt(kv[1]);
                case "seconds" -> seconds = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "http" -> version = kv[1].equals("2") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (known: --concurrency=N --seconds=N --warmup=N --http=1.1|2)");
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "tao-sdk loopback benchmark: java %s, %d cores, %s, concurrency %d, warm-up %d s, measured %d s%n",
                Runtime.version(), cores, version, concurrency, warmup, seconds);

        Ed25519.KeyPair minerKey = Ed25519.KeyPair.fromSeed(filled((byte) 1));
        Ed25519.KeyPair validatorKey = Ed25519.KeyPair.fromSeed(filled((byte) 2));

        double floorPairs = ed25519Floor(minerKey, validatorKey, cores, warmup, seconds);

        InMemoryNeuronDirectory dir = new InMemoryNeuronDirectory()
                .register(AccountId.of(validatorKey.publicKey()), 1_000_000_000L, true);
        try (Axon axon = Axon.builder(minerKey, dir).host("127.0.0.1").port(0)
                .serve(PING, (ping, ctx) -> new Pong(ping.n()))
                .start();
             Dendrite dendrite = Dendrite.builder(validatorKey).version(version).build()) {
            Result r = roundTrips(dendrite, axon.endpoint(), concurrency, warmup, seconds);
            double floorRoundTrips = floorPairs / 2;
            System.out.printf(Locale.ROOT, "%n");
            System.out.printf(Locale.ROOT, "ed25519 sign+verify      %,10.0f pairs/s on %d threads (same message size)%n", floorPairs, cores);
            System.out.printf(Locale.ROOT, "floor (2 sign + 2 verify per round trip) %,10.0f round trips/s%n", floorRoundTrips);
            System.out.printf(Locale.ROOT, "signed round trips       %,10.0f /s  (%d ok, %d failed)%n", r.perSecond, r.ok, r.failed);
            System.out.printf(Locale.ROOT, "latency                  p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n",
                    r.p50 / 1e6, r.p99 / 1e6, r.p999 / 1e6, r.max / 1e6);
            System.out.printf(Locale.ROOT, "ratio to floor           %.0f%%  (goal >= 50%%)%n", 100 * r.perSecond / floorRoundTrips);
        }
    }

    record Result(double perSecond, long ok, long failed, long p50, long p99, long p999, long max) {}

    static Result roundTrips(Dendrite dendrite, AxonEndpoint axon, int concurrency, int warmup, int seconds)
            throws InterruptedException {
        AtomicLong phase = new AtomicLong(0); // 0 warm-up, 1 measuring, 2 stop
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        List<long[]> samples = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(10);
        for (int w = 0; w < concurrency; w++) {
            long[][] box = {new long[4096]};
            int[] count = {0};
            int id = w;
            Thread t = Thread.ofVirtual().name("bench-" + w).start(() -> {
                long n = id;
                while (phase.get() < 2) {
                    long start = System.nanoTime();
                    AxonResult<Pong> r = dendrite.call(axon, PING, new Ping(n), timeout).join();
                    long took = System.nanoTime() - start;
                    if (phase.get() == 1) {
                        if (r.ok() && r.response().n() == n) {
                            ok.increment();
                            if (count[0] == box[0].length) {
                                box[0] = Arrays.copyOf(box[0], box[0].length * 2);
                            }
                            box[0][count[0]++] = took;
                        } else {
                            failed.increment();
                        }
                    }
                    n += concurrency;
                }
                synchronized (samples) {
                    samples.add(Arrays.copyOf(box[0], count[0]));
                }
            });
            workers.add(t);
            counts.add(count);
        }
        Thread.sleep(warmup * 1000L);
        long begin = System.nanoTime();
        phase.set(1);
        Thread.sleep(seconds * 1000L);
        phase.set(2);
        long elapsed = System.nanoTime() - begin;
        for (Thread t : workers) {
            t.join();
        }
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double perSecond = ok.sum() / (elapsed / 1e9);
        return new Result(perSecond, ok.sum(), failed.sum(), pct(all, 0.50), pct(all, 0.99), pct(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1]);
    }

    /** Sign+verify pairs per second on {@code threads} threads, over a message shaped like the signed string. */
    static double ed25519Floor(Ed25519.KeyPair a, Ed25519.KeyPair b, int threads, int warmup, int seconds)
            throws InterruptedException {
        String ss58a = AccountId.of(a.publicKey()).toSs58();
        String ss58b = AccountId.of(b.publicKey()).toSs58();
        byte[] msg = WireProtocol.signedMessage(1_790_000_000_000_000_000L, ss58a, ss58b,
                "9f3c1d2e-4b5a-4c6d-8e7f-0a1b2c3d4e5f", WireProtocol.hashHex("{\"n\":1}".getBytes(StandardCharsets.UTF_8)));
        byte[] pub = a.publicKey().bytes();
        AtomicLong phase = new AtomicLong();
        LongAdder pairs = new LongAdder();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ts.add(Thread.ofPlatform().name("floor-" + i).start(() -> {
                byte[] m = msg.clone();
                long n = 0;
                while (phase.get() < 2) {
                    m[0] = (byte) n++; // a different message each time, as in real traffic
                    byte[] sig = a.sign(m).bytes();
                    if (!Ed25519.verify(pub, m, sig)) {
                        throw new AssertionError("verify failed");
                    }
                    if (phase.get() == 1) {
                        pairs.increment();
                    }
                }
            }));
        }
        Thread.sleep(warmup * 1000L);
        long begin = System.nanoTime();
        phase.set(1);
        Thread.sleep(seconds * 1000L);
        phase.set(2);
        long elapsed = System.nanoTime() - begin;
        for (Thread t : ts) {
            t.join();
        }
        return pairs.sum() / (elapsed / 1e9);
    }

    static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static byte[] filled(byte b) {
        byte[] s = new byte[32];
        Arrays.fill(s, b);
        return s;
    }

    private LoopbackBenchmark() {}
}
