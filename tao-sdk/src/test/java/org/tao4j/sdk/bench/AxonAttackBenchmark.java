package org.tao4j.sdk.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.InMemoryNeuronDirectory;
import org.tao4j.sdk.StreamingSynapse;
import org.tao4j.sdk.Synapse;
import org.tao4j.sdk.axon.Axon;
import org.tao4j.sdk.dendrite.AxonResult;
import org.tao4j.sdk.dendrite.Dendrite;
import org.tao4j.sdk.wire.SignedRequest;
import org.tao4j.sdk.wire.WireProtocol;

/**
 * Honest throughput under an axon attack of issue 12, as a ratio to the same load without it, in
 * one run: a registered validator keeps {@code --concurrency} signed round trips in flight
 * against an axon with its default limits while the attack is switched on and off in 1 s slices
 * (so outside load weighs on both alike). Attacks:
 * <ul>
 *   <li>{@code replay}: signed requests from a fresh key each, on a new lane with a nonce 8 s
 *       ahead, at up to {@code --rate} per second (the lock-out took about 1 100/s);</li>
 *   <li>{@code streams}: eight registered stake-1 keys keep streams open and never read them,
 *       as many as the axon admits (the handler streams 1 KiB tokens, 50 a second).</li>
 * </ul>
 * Run with {@code tao-sdk/bench.sh --main=AxonAttackBenchmark --attack=replay|streams
 * [--seconds=20] [--warmup=10] [--concurrency=32] [--rate=1100]}. Client, axon and attacker share
 * the machine's cores, so the ratio includes the attacker's own CPU (its key generation and
 * signing): it is a lower bound on what a miner with its own machine sees. Validator requests
 * that fail during the attack are counted and printed; there should be none.
 */
public final class AxonAttackBenchmark {
    record Ping(long n) {}

    record Pong(long n) {}

    record Token(int index, String text) {}

    static final Synapse<Ping, Pong> PING = Synapse.of("Ping", Ping.class, Pong.class);
    /** The attacker's address: another loopback address, as it would be another host (127/8 is all loopback). */
    static final java.net.InetAddress ATTACKER = address("127.0.0.2");

    static final StreamingSynapse<Ping, Token> TOKENS = StreamingSynapse.of("Tokens", Ping.class, Token.class);

    public static void main(String[] args) throws Exception {
        String attack = "replay";
        int seconds = 20;
        int warmup = 10;
        int concurrency = 32;
        int rate = 1_100;
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            switch (kv[0]) {
                case "attack" -> attack = kv[1];
                case "seconds" -> seconds = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "concurrency" -> concurrency = Integer.parseInt(kv[1]);
                case "rate" -> rate = Integer.parseInt(kv[1]);
                default ->
                    throw new IllegalArgumentException("unknown option " + a
                            + " (known: --attack=replay|streams --seconds=N --warmup=N --concurrency=N --rate=N)");
            }
        }
        if (!attack.equals("replay") && !attack.equals("streams")) {
            throw new IllegalArgumentException("--attack must be replay or streams, got " + attack);
        }
        System.out.printf(
                Locale.ROOT,
                "tao-sdk axon attack benchmark: java %s, %d cores, attack %s, concurrency %d, warm-up %d s, measured %d s%n",
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                attack,
                concurrency,
                warmup,
                seconds);

        Ed25519.KeyPair minerKey = key((byte) 1);
        Ed25519.KeyPair validatorKey = key((byte) 2);
        InMemoryNeuronDirectory dir =
                new InMemoryNeuronDirectory().register(AccountId.of(validatorKey.publicKey()), 1_000_000_000L, true);
        List<Ed25519.KeyPair> lowKeys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Ed25519.KeyPair k = key((byte) (10 + i));
            lowKeys.add(k);
            dir.register(AccountId.of(k.publicKey()), 1, false);
        }
        String tokenText = "t".repeat(1024);
        try (Axon axon = Axon.builder(minerKey, dir)
                        .host("127.0.0.1")
                        .port(0)
                        .serve(PING, (ping, ctx) -> new Pong(ping.n()))
                        .serveStream(TOKENS, (ping, sink, ctx) -> {
                            // paced like a model producing tokens: the attack is on slots, not on CPU
                            for (int i = 0; ; i++) {
                                sink.send(new Token(i, tokenText));
                                Thread.sleep(20);
                            }
                        })
                        .start();
                Dendrite dendrite = Dendrite.builder(validatorKey).build()) {
            Phases phases = new Phases();
            List<Thread> threads = new ArrayList<>();
            AxonEndpoint ep = axon.endpoint();
            for (int w = 0; w < concurrency; w++) {
                long first = w;
                int step = concurrency;
                threads.add(Thread.ofVirtual().start(() -> {
                    long n = first;
                    while (!phases.stopped) {
                        AxonResult<Pong> r = dendrite.call(ep, PING, new Ping(n), Duration.ofSeconds(30))
                                .join();
                        phases.honest(r.ok() && r.response().n() == n);
                        n += step;
                    }
                }));
            }
            LongAdder attackSent = new LongAdder();
            if (attack.equals("replay")) {
                int workers = 4;
                long perWorkerNanos = TimeUnit.SECONDS.toNanos(1) * workers / Math.max(rate, 1);
                for (int w = 0; w < workers; w++) {
                    threads.add(Thread.ofPlatform().start(() -> replayFlood(phases, axon, perWorkerNanos, attackSent)));
                }
            } else {
                for (int w = 0; w < 4; w++) {
                    List<Ed25519.KeyPair> mine = lowKeys.subList(2 * w, 2 * w + 2);
                    threads.add(Thread.ofPlatform().start(() -> stalledStreams(phases, axon, mine, attackSent)));
                }
            }
            phases.run(warmup, false);
            long sentBefore = attackSent.sum();
            phases.run(seconds, true);
            long sentDuring = attackSent.sum() - sentBefore;
            phases.stopped = true;
            phases.attacking = false;
            for (Thread t : threads) {
                t.join();
            }
            double off = phases.okOff.sum() / (phases.nanosOff / 1e9);
            double on = phases.okOn.sum() / (phases.nanosOn / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "%nhonest round trips without attack %,10.0f /s (%d ok, %d failed, %.1f s)%n",
                    off,
                    phases.okOff.sum(),
                    phases.failedOff.sum(),
                    phases.nanosOff / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "honest round trips under attack   %,10.0f /s (%d ok, %d failed, %.1f s)%n",
                    on,
                    phases.okOn.sum(),
                    phases.failedOn.sum(),
                    phases.nanosOn / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "attack                            %,10.0f %s/s%n",
                    sentDuring / (phases.nanosOn / 1e9),
                    attack.equals("replay") ? "requests" : "streams opened");
            System.out.printf(Locale.ROOT, "ratio                             %.2f  (goal >= 0.5)%n", on / off);
            System.out.printf(
                    Locale.ROOT,
                    "axon answered: 403 blacklisted %d, 401 replayed_nonce %d, 429 caller_over_capacity %d, "
                            + "429 over_capacity %d, streams cut by write timeout %d; replay cache %d registered / %d open lanes%n",
                    axon.answered("blacklisted"),
                    axon.answered("replayed_nonce"),
                    axon.answered("caller_over_capacity"),
                    axon.answered("over_capacity"),
                    axon.answered("write_timeout"),
                    axon.replayCacheLanes(true),
                    axon.replayCacheLanes(false));
        }
    }

    /** Alternating 1 s slices with and without the attack; honest answers counted per slice kind. */
    static final class Phases {
        final LongAdder okOn = new LongAdder();
        final LongAdder okOff = new LongAdder();
        final LongAdder failedOn = new LongAdder();
        final LongAdder failedOff = new LongAdder();
        long nanosOn;
        long nanosOff;
        volatile boolean measuring;
        volatile boolean attacking;
        volatile boolean stopped;

        void honest(boolean ok) {
            if (!measuring) {
                return;
            }
            if (attacking) {
                (ok ? okOn : failedOn).increment();
            } else {
                (ok ? okOff : failedOff).increment();
            }
        }

        void run(int seconds, boolean measure) throws InterruptedException {
            measuring = measure;
            for (int i = 0; i < seconds; i++) {
                attacking = i % 2 == 1;
                long start = System.nanoTime();
                Thread.sleep(1000);
                long took = System.nanoTime() - start;
                if (measure) {
                    if (attacking) {
                        nanosOn += took;
                    } else {
                        nanosOff += took;
                    }
                }
            }
            measuring = false;
            attacking = false;
        }
    }

    static void replayFlood(Phases phases, Axon axon, long intervalNanos, LongAdder sent) {
        byte[] body = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        String axonSs58 = axon.hotkey().toSs58();
        URI uri = URI.create("http://127.0.0.1:" + axon.port() + "/Ping");
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .localAddress(ATTACKER)
                .build()) {
            long next = System.nanoTime();
            while (!phases.stopped) {
                if (!phases.attacking) {
                    sleep(5);
                    next = System.nanoTime();
                    continue;
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    sleep(TimeUnit.NANOSECONDS.toMillis(wait));
                }
                next += intervalNanos;
                byte[] seed = new byte[32];
                ThreadLocalRandom.current().nextBytes(seed);
                Ed25519.KeyPair k = Ed25519.KeyPair.fromSeed(seed);
                long nonce = WireProtocol.epochNanos(Instant.now()) + TimeUnit.SECONDS.toNanos(8);
                SignedRequest s = SignedRequest.sign(
                        k,
                        AccountId.of(k.publicKey()).toSs58(),
                        axonSs58,
                        nonce,
                        UUID.randomUUID().toString(),
                        body);
                HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                s.headers(5000).forEach(b::header);
                try {
                    http.send(b.build(), HttpResponse.BodyHandlers.discarding());
                    sent.increment();
                } catch (IOException e) {
                    sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static void stalledStreams(Phases phases, Axon axon, List<Ed25519.KeyPair> keys, LongAdder opened) {
        byte[] body = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        ArrayDeque<Socket> open = new ArrayDeque<>();
        int i = 0;
        while (!phases.stopped) {
            if (!phases.attacking) {
                while (!open.isEmpty()) {
                    close(open.poll());
                }
                sleep(5);
                continue;
            }
            if (open.size() >= 300) {
                close(open.poll()); // the oldest: long since cut by the axon
            }
            Ed25519.KeyPair k = keys.get(i++ % keys.size());
            SignedRequest s = SignedRequest.sign(
                    k,
                    AccountId.of(k.publicKey()).toSs58(),
                    axon.hotkey().toSs58(),
                    WireProtocol.epochNanos(Instant.now()),
                    UUID.randomUUID().toString(),
                    body);
            try {
                Socket sock = new Socket();
                sock.setReceiveBufferSize(4096);
                sock.bind(new InetSocketAddress(ATTACKER, 0));
                sock.connect(new InetSocketAddress("127.0.0.1", axon.port()), 5000);
                StringBuilder head =
                        new StringBuilder("POST /Tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
                s.headers(60_000)
                        .forEach((h, v) -> head.append(h).append(": ").append(v).append("\r\n"));
                sock.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                sock.getOutputStream().write(body);
                open.add(sock);
                opened.increment();
            } catch (IOException e) {
                sleep(10);
            }
            sleep(2);
        }
        while (!open.isEmpty()) {
            close(open.poll());
        }
    }

    static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing an attacker socket: nothing to do
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static java.net.InetAddress address(String a) {
        try {
            return java.net.InetAddress.getByName(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static Ed25519.KeyPair key(byte b) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, b);
        return Ed25519.KeyPair.fromSeed(s);
    }

    private AxonAttackBenchmark() {}
}
