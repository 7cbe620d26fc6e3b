package org.tao4j.devnet.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.tao4j.client.TaoClient;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.access.AccessClient;
import org.tao4j.client.access.AccessLedger;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.devnet.Devnet;
import org.tao4j.devnet.DevnetOptions;
import org.tao4j.gateway.Gateway;
import org.tao4j.gateway.GatewayConfig;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.channels.Voucher;
import org.tao4j.runtime.tx.Call;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;
import org.tao4j.sdk.metagraph.Metagraph;
import org.tao4j.subnets.forecast.Forecast;
import org.tao4j.subnets.forecast.ForecastTask;

/**
 * Paid queries through a gateway against unpaid direct queries to the same miners, one devnet, one
 * run (issue 14, "Benchmark"). A devnet of the forecast subnet (one validator, three miners); a
 * gateway on the validator's hotkey asking the top 3 miners; {@code concurrency} client threads, each
 * with its own channel (a gateway serves one query per channel at a time).
 *
 * <ul>
 *   <li><b>direct</b>: each thread fans the same forecast task out to the same three miners with a
 *       dendrite signed by the validator's hotkey, and waits for all three, as the gateway does;
 *   <li><b>paid</b>: each thread sends the task to the gateway with the next voucher
 *       ({@link AccessClient}: ledger fsync, voucher signature), and the gateway checks it, fans out,
 *       combines (weighted median), writes the voucher durably (fsync) and answers.
 * </ul>
 *
 * The two alternate in slices of {@code --slice-ms} so that outside load on the shared machine hits
 * both alike; the ratio is paid/direct queries per second. The gateway's added latency is the
 * difference of the two latency distributions at p50 and p99.
 *
 * <p>Run: {@code tao-devnet/bench-gateway.sh [--concurrency=8] [--seconds=20] [--warmup=10]}.
 */
public final class GatewayBench {
    static final long PRICE = 1_000;

    public static void main(String[] args) throws Exception {
        int concurrency = 8;
        int seconds = 20;
        int warmup = 10;
        int sliceMs = 1000;
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "concurrency" -> concurrency = Integer.parseInt(kv[1]);
                case "seconds" -> seconds = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "slice-ms" -> sliceMs = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        Path dir = Files.createTempDirectory("gateway-bench");
        try (Devnet d = Devnet.start(DevnetOptions.parse(
                "--headless",
                "--no-access",
                "--subnets",
                "forecast",
                "--commit-reveal",
                "none",
                "--validators",
                "1",
                "--miners",
                "3",
                "--fresh",
                "--base-path",
                dir.resolve("devnet").toString(),
                "--rpc-port",
                "0",
                "--metrics-port",
                "-1"))) {
            run(d, dir, concurrency, seconds, warmup, sliceMs);
        }
    }

    static void run(Devnet d, Path dir, int concurrency, int seconds, int warmup, int sliceMs) throws Exception {
        TaoClient client = TaoClient.connect(URI.create(d.rpcUrl()));
        Devnet.SubnetRun s = d.subnets().get(0);
        Devnet.Member v = s.members().stream()
                .filter(m -> m.role() == Devnet.Role.VALIDATOR)
                .findFirst()
                .orElseThrow();
        int netuid = s.netuid();
        GatewayConfig cfg = GatewayConfig.defaults("forecast", netuid, dir.resolve("gateway"))
                .withHost("127.0.0.1")
                .withPort(0)
                .withPrice(PRICE)
                .withTopK(3)
                .withClaimThreshold(Long.MAX_VALUE / 4);
        byte[] genesis = client.genesisHash().bytes();
        try (Gateway g = Gateway.start(cfg, v.hotkey(), client);
                Dendrite direct = Dendrite.builder(v.hotkey()).build()) {
            // the same miners the gateway asks
            Metagraph mg = new org.tao4j.sdk.chain.RpcSubnetChain(client, v.hotkey())
                    .sync(netuid, java.util.EnumSet.of(Metagraph.Field.HOTKEYS, Metagraph.Field.AXONS));
            List<AxonEndpoint> miners = new ArrayList<>();
            for (int uid : mg.servingUids()) {
                if (!mg.hotkey(uid).equals(v.hotkeyId())) {
                    miners.add(mg.axonEndpoint(uid));
                }
            }
            // one funded outsider and one channel per thread
            List<AccessClient> clients = new ArrayList<>();
            List<H256> channels = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                byte[] seed = new byte[32];
                seed[0] = (byte) i;
                seed[31] = 0x5b;
                Ed25519.KeyPair k = Ed25519.KeyPair.fromSeed(seed);
                AccountId id = AccountId.of(k.publicKey());
                ok(client.tx(DevAccounts.keyPair("Alice"), new Call.Transfer(id, 1_000_000_000_000L))
                        .submitAndWatch()
                        .await(Duration.ofSeconds(60)));
                long head = client.head().number();
                ok(client.tx(k, new Call.OpenChannel(v.hotkeyId(), netuid, 900_000_000_000L, head + 1_000_000))
                        .submitAndWatch()
                        .await(Duration.ofSeconds(60)));
                channels.add(Voucher.channelId(id, v.hotkeyId(), 0));
                clients.add(new AccessClient(
                        URI.create(g.url()),
                        k,
                        genesis,
                        new AccessLedger(dir.resolve("ledger-" + i)),
                        Duration.ofSeconds(30),
                        1));
            }
            ObjectNode input = new ObjectMapper().createObjectNode();
            var series = input.putArray("series");
            double[] history = new double[240];
            for (int i = 0; i < history.length; i++) {
                history[i] = 100 + 20 * Math.sin(i * Math.PI / 12) + (i % 7);
                series.add(history[i]);
            }
            input.put("horizon", 24);
            ForecastTask task = new ForecastTask(1L << 50, history, 24);

            Phase directPhase = i -> {
                List<AxonResult<Forecast>> r = direct.query(miners, Forecast.SYNAPSE, task, Duration.ofSeconds(5))
                        .join();
                return r.stream().anyMatch(AxonResult::ok);
            };
            Phase paidPhase = i -> {
                clients.get(i).query(channels.get(i), input);
                return true;
            };
            System.out.printf(
                    Locale.ROOT,
                    "gateway bench: %d miners, concurrency %d, warm-up %d s, %d s per side in %d ms slices%n",
                    miners.size(),
                    concurrency,
                    warmup,
                    seconds,
                    sliceMs);
            Stats wd = new Stats();
            Stats wp = new Stats();
            long warmEnd = System.nanoTime() + warmup * 1_000_000_000L;
            while (System.nanoTime() < warmEnd) {
                slice(directPhase, concurrency, sliceMs, wd);
                slice(paidPhase, concurrency, sliceMs, wp);
            }
            Stats sd = new Stats();
            Stats sp = new Stats();
            for (int k = 0; k < seconds * 1000 / sliceMs; k++) {
                slice(directPhase, concurrency, sliceMs, sd);
                slice(paidPhase, concurrency, sliceMs, sp);
            }
            double dq = sd.count.sum() / (sd.nanos.sum() / 1e9);
            double pq = sp.count.sum() / (sp.nanos.sum() / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "direct dendrite (unpaid): %.1f queries/s, p50 %.2f ms, p99 %.2f ms, failures %d%n",
                    dq,
                    sd.pct(50),
                    sd.pct(99),
                    sd.failures.sum());
            System.out.printf(
                    Locale.ROOT,
                    "through the gateway (paid): %.1f queries/s, p50 %.2f ms, p99 %.2f ms, failures %d%n",
                    pq,
                    sp.pct(50),
                    sp.pct(99),
                    sp.failures.sum());
            System.out.printf(
                    Locale.ROOT,
                    "ratio paid/direct %.2f (goal >= 0.8); gateway adds p50 %.2f ms, p99 %.2f ms; served %d, paid %d rao%n",
                    pq / dq,
                    sp.pct(50) - sd.pct(50),
                    sp.pct(99) - sd.pct(99),
                    g.served(),
                    g.paidRao());
            clients.forEach(AccessClient::close);
        } finally {
            client.close();
        }
    }

    interface Phase {
        boolean run(int thread) throws Exception;
    }

    static final class Stats {
        final LongAdder count = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final List<Long> latencies = new ArrayList<>();

        synchronized void add(long ns) {
            latencies.add(ns);
        }

        synchronized double pct(int p) {
            long[] a = latencies.stream().mapToLong(Long::longValue).toArray();
            if (a.length == 0) {
                return Double.NaN;
            }
            Arrays.sort(a);
            return a[Math.min(a.length - 1, (int) Math.ceil(p / 100.0 * a.length) - 1)] / 1e6;
        }
    }

    /** {@code concurrency} threads run {@code phase} back to back for {@code ms}; adds to {@code st}. */
    static void slice(Phase phase, int concurrency, int ms, Stats st) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            int t = i;
            Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        long s = System.nanoTime();
                        boolean ok;
                        try {
                            ok = phase.run(t);
                        } catch (Exception e) {
                            ok = false;
                        }
                        if (ok) {
                            st.count.increment();
                            st.add(System.nanoTime() - s);
                        } else {
                            st.failures.increment();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(ms);
        stop.set(true);
        done.await();
        st.nanos.add(System.nanoTime() - start);
    }

    static void ok(TxOutcome o) {
        if (!o.isSuccess()) {
            throw new IllegalStateException("transaction failed: " + o);
        }
    }
}
