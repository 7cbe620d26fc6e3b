package org.tao4j.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.client.Subscription;
import org.tao4j.client.TaoClient;
import org.tao4j.client.access.ChannelInfo;
import org.tao4j.client.access.VoucherHeader;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.AxonEndpoint;
import org.tao4j.sdk.chain.RpcSubnetChain;
import org.tao4j.sdk.dendrite.Dendrite;
import org.tao4j.sdk.metagraph.Metagraph;
import org.tao4j.sdk.metagraph.MetagraphWatcher;

/**
 * {@code tao gateway}: sells a subnet's answers to outsiders for payment-channel vouchers. HTTP JSON
 * on Jetty: {@code GET /openapi.json}, {@code GET /v1/info}, {@code POST /v1/query} with an
 * {@code X-Tao-Voucher} header. Each query is checked ({@link ChannelBook}), asked of the top-K miners
 * by incentive with the SDK's dendrite ({@link Fanout}), combined as the subnet defines, the voucher
 * stored durably ({@link VoucherStore}), and only then answered with the provenance and the receipt.
 * A claim loop ({@link Claimer}) turns held vouchers into TAO. docs/access.md.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayConfig config;
    private final Ed25519.KeyPair hotkey;
    private final AccountId hotkeyId;
    private final TaoClient client;
    private final boolean ownsClient;
    private final SubnetService service;
    private final AtomicLong head = new AtomicLong();
    private final Subscription heads;
    private final MetagraphWatcher metagraph;
    private final Dendrite dendrite;
    private final ChannelBook book;
    private final VoucherStore store;
    private final Claimer claimer;
    private final ScheduledExecutorService claimLoop;
    private final Server server;
    private final ServerConnector connector;
    private final Semaphore slots;
    private final AtomicInteger inSystem = new AtomicInteger();
    private final byte[] genesis;

    // figures for /v1/info, the devnet's live view and the tests
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong paid = new AtomicLong();
    private final AtomicLong refused402 = new AtomicLong();
    private final AtomicLong refused429 = new AtomicLong();
    private final AtomicLong unanswered503 = new AtomicLong();

    private Gateway(GatewayConfig config, Ed25519.KeyPair hotkey, TaoClient client, boolean ownsClient) {
        this.config = config;
        this.hotkey = hotkey;
        this.hotkeyId = AccountId.of(hotkey.publicKey());
        this.client = client;
        this.ownsClient = ownsClient;
        this.service = SubnetService.of(config.subnet());
        this.genesis = client.genesisHash().bytes();
        this.head.set(client.head().number());
        this.heads = client.subscribeNewHeads(h -> head.accumulateAndGet(h.number(), Math::max));
        this.metagraph = MetagraphWatcher.start(
                new RpcSubnetChain(client, hotkey),
                config.netuid(),
                EnumSet.of(Metagraph.Field.HOTKEYS, Metagraph.Field.INCENTIVE, Metagraph.Field.AXONS),
                2);
        if (!metagraph.current().isRegistered(hotkeyId)) {
            metagraph.close();
            heads.close();
            throw new IllegalStateException("hotkey " + hotkeyId.toSs58() + " is not registered on subnet "
                    + config.netuid() + "; a gateway runs next to a validator of the subnet");
        }
        this.dendrite = Dendrite.builder(hotkey).build();
        this.store = new VoucherStore(config.dataDir().resolve("vouchers"));
        this.book = new ChannelBook(
                id -> ChannelInfo.fetch(client, id),
                hotkeyId,
                config.netuid(),
                genesis,
                store,
                config.price(),
                config.maxChannels(),
                head::get,
                config.queueWait().toMillis());
        this.claimer = new Claimer(client, hotkey, book, head::get, config.claimThreshold(), config.claimMargin());
        this.slots = new Semaphore(config.maxConcurrent(), true);

        QueuedThreadPool pool = new QueuedThreadPool(config.maxConcurrent() + config.maxQueued() + 8, 4);
        pool.setName("gateway-http");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(8 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        server.setHandler(new Routes());
        claimLoop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-claims");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a gateway on {@code client}'s node (the client stays the caller's) and its claim loop.
     *
     * @throws IllegalStateException when the hotkey is not registered or the port cannot be bound
     */
    public static Gateway start(GatewayConfig config, Ed25519.KeyPair hotkey, TaoClient client) {
        return new Gateway(config, hotkey, client, false).startAll();
    }

    /** As {@link #start(GatewayConfig, Ed25519.KeyPair, TaoClient)}, closing {@code client} with the gateway. */
    public static Gateway startOwning(GatewayConfig config, Ed25519.KeyPair hotkey, TaoClient client) {
        return new Gateway(config, hotkey, client, true).startAll();
    }

    private Gateway startAll() {
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IllegalStateException(
                    "the gateway could not listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(),
                    e);
        }
        long every = config.claimInterval().toMillis();
        claimLoop.scheduleWithFixedDelay(claimer::tick, 0, every, TimeUnit.MILLISECONDS);
        LOG.info(
                "gateway.started subnet={} netuid={} hotkey={} port={} price={} top_k={}",
                config.subnet(),
                config.netuid(),
                hotkeyId.toSs58(),
                port(),
                config.price(),
                config.topK());
        return this;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String h = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return "http://" + h + ":" + port();
    }

    public AccountId hotkey() {
        return hotkeyId;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Queries answered (and charged). */
    public long served() {
        return served.get();
    }

    /** Rao accepted in vouchers by this process. */
    public long paidRao() {
        return paid.get();
    }

    /** Rao claimed on chain by this process. */
    public long claimedRao() {
        return claimer.claimedRao();
    }

    public long refused402() {
        return refused402.get();
    }

    public long refused429() {
        return refused429.get();
    }

    public long unanswered503() {
        return unanswered503.get();
    }

    /** Claims every unclaimed voucher now (the loop does it by its rules; this is for shutdown and tests). */
    public void claimAll() {
        claimer.claimAll();
    }

    /** The miners a query goes to now: serving, not this gateway, top-K by incentive (ties to the lower uid). */
    List<Fanout.Pick> topMiners() {
        Metagraph mg = metagraph.current();
        List<Fanout.Pick> all = new ArrayList<>();
        for (int uid : mg.servingUids()) {
            AccountId hk = mg.hotkey(uid);
            if (hk.equals(hotkeyId)) {
                continue;
            }
            AxonEndpoint e = mg.axonEndpoint(uid);
            all.add(new Fanout.Pick(uid, hk, mg.incentive(uid), e));
        }
        all.sort((a, b) -> a.incentive() != b.incentive()
                ? Integer.compare(b.incentive(), a.incentive())
                : Integer.compare(a.uid(), b.uid()));
        return all.subList(0, Math.min(config.topK(), all.size()));
    }

    ObjectNode info() {
        ObjectNode o = JSON.createObjectNode();
        o.put("netuid", config.netuid());
        o.put("subnet", service.name());
        o.put("gateway", hotkeyId.toSs58());
        o.put("genesis_hash", org.tao4j.core.crypto.Hex.toHex(genesis));
        o.put("price_rao", config.price());
        o.put("top_k", config.topK());
        ArrayNode types = o.putArray("task_types");
        service.taskTypes().forEach(types::add);
        o.put("voucher_header", VoucherHeader.NAME + ": <channel id hex>:<cumulative rao>:<signature hex>");
        ArrayNode miners = o.putArray("miners");
        for (Fanout.Pick p : topMiners()) {
            miners.addObject()
                    .put("uid", p.uid())
                    .put("hotkey", p.hotkey().toSs58())
                    .put("incentive", p.incentive());
        }
        o.put("metagraph_block", metagraph.current().block());
        ObjectNode stats = o.putObject("stats");
        stats.put("queries_served", served.get());
        stats.put("paid_rao", paid.get());
        stats.put("claimed_rao", claimer.claimedRao());
        stats.put("channels", book.size());
        return o;
    }

    @Override
    public void close() {
        claimLoop.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("stopping the gateway's server", e);
        }
        dendrite.close();
        store.close();
        metagraph.close();
        heads.close();
        if (ownsClient) {
            client.close();
        }
    }

    // ------------------------------------------------------------------ HTTP

    private final class Routes extends Handler.Abstract {
        Routes() {
            super(InvocationType.BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            try {
                if (path.equals("/openapi.json") && HttpMethod.GET.is(method)) {
                    respond(response, callback, 200, OpenApi.document(service, config));
                } else if (path.equals("/v1/info") && HttpMethod.GET.is(method)) {
                    respond(response, callback, 200, info());
                } else if (path.equals("/v1/query") && HttpMethod.POST.is(method)) {
                    query(request, response, callback);
                } else if (path.equals("/v1/query") || path.equals("/v1/info") || path.equals("/openapi.json")) {
                    respond(
                            response,
                            callback,
                            405,
                            error("method_not_allowed", method + " is not allowed on " + path));
                } else {
                    respond(
                            response,
                            callback,
                            404,
                            error("not_found", "no " + path + "; see /openapi.json (GET /v1/info, POST /v1/query)"));
                }
            } catch (RuntimeException e) {
                LOG.warn("gateway.internal_error path={} cause={}", path, e.toString(), e);
                respond(response, callback, 500, error("internal", "the gateway failed on this request"));
            }
            return true;
        }
    }

    private void query(Request request, Response response, Callback callback) {
        if (inSystem.incrementAndGet() > config.maxConcurrent() + config.maxQueued()) {
            inSystem.decrementAndGet();
            refused429.incrementAndGet();
            respond(response, callback, 429, error("saturated", "the gateway is at capacity; retry shortly"));
            return;
        }
        try {
            boolean slot;
            try {
                slot = slots.tryAcquire(config.queueWait().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                slot = false;
            }
            if (!slot) {
                refused429.incrementAndGet();
                respond(response, callback, 429, error("saturated", "the gateway is at capacity; retry shortly"));
                return;
            }
            try {
                Reply r = serve(request);
                if (r.status == 402) {
                    refused402.incrementAndGet();
                } else if (r.status == 429) {
                    refused429.incrementAndGet();
                } else if (r.status == 503) {
                    unanswered503.incrementAndGet();
                }
                respond(response, callback, r.status, r.body);
            } finally {
                slots.release();
            }
        } finally {
            inSystem.decrementAndGet();
        }
    }

    private record Reply(int status, ObjectNode body) {}

    private Reply serve(Request request) {
        // 1. the body: bounded, and valid for the subnet (a bad input is never charged)
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(config.maxBodyBytes() + 1);
            if (body.length > config.maxBodyBytes()) {
                // read (and drop) a moderately oversized body to its end, so the client sees the 413
                // rather than a reset; beyond 4x the limit the connection is closed instead
                long left = 3L * config.maxBodyBytes();
                byte[] sink = new byte[16 * 1024];
                int n;
                while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) {
                    left -= n;
                }
                return new Reply(
                        413, error("too_large", "the body is larger than " + config.maxBodyBytes() + " bytes"));
            }
        } catch (IOException e) {
            return new Reply(400, error("unreadable", "the body could not be read"));
        }
        SubnetService.Task task;
        try {
            JsonNode input = JSON.readTree(body);
            task = service.parse(input);
        } catch (IOException e) {
            return new Reply(400, error("bad_input", "the body is not JSON"));
        } catch (IllegalArgumentException e) {
            return new Reply(400, error("bad_input", e.getMessage()));
        }
        // 2. the voucher
        VoucherHeader voucher;
        try {
            voucher = VoucherHeader.parse(request.getHeaders().get(VoucherHeader.NAME));
        } catch (IllegalArgumentException e) {
            String code =
                    request.getHeaders().get(VoucherHeader.NAME) == null ? "voucher_missing" : "voucher_malformed";
            return new Reply(402, paymentError(code, e.getMessage(), null));
        }
        ChannelBook.Ticket ticket;
        try {
            ticket = book.admit(voucher);
        } catch (Refusal r) {
            ObjectNode b =
                    r.status == 402 ? paymentError(r.code, r.getMessage(), r.details) : error(r.code, r.getMessage());
            return new Reply(r.status, b);
        }
        // 3. the miners, 4. the durable voucher, 5. the answer
        boolean settled = false;
        try {
            Fanout fanout = new Fanout(
                    dendrite,
                    topMiners(),
                    config.queryTimeout(),
                    config.queryBudget(),
                    metagraph.current().block());
            Optional<ObjectNode> answer = task.run(fanout);
            if (answer.isEmpty()) {
                ObjectNode e = error(
                        "no_miner_answered",
                        "no miner answered in time; the voucher was not charged, send the same amount again");
                e.set("provenance", fanout.provenance());
                return new Reply(503, e);
            }
            settled = true; // commit unlocks the channel whatever happens
            book.commit(ticket);
            served.incrementAndGet();
            paid.addAndGet(ticket.charged());
            ObjectNode out = JSON.createObjectNode();
            out.set("answer", answer.get());
            out.set("provenance", fanout.provenance());
            ObjectNode receipt = out.putObject("receipt");
            receipt.put("channel", voucher.channel().toHex());
            receipt.put("cumulative_rao", voucher.cumulative());
            receipt.put("signature", org.tao4j.core.crypto.Hex.toHex(voucher.signature()));
            receipt.put("price_rao", config.price());
            receipt.put("charged_rao", ticket.charged());
            receipt.put("total_paid_rao", voucher.cumulative());
            return new Reply(200, out);
        } catch (RuntimeException e) {
            // before commit returned, nothing went out: the client's next voucher may reuse the amount
            LOG.warn("gateway.query_failed cause={}", e.toString(), e);
            return new Reply(500, error("internal", "the query failed inside the gateway; no answer was sent"));
        } finally {
            if (!settled) {
                book.release(ticket);
            }
        }
    }

    private ObjectNode paymentError(String code, String message, ObjectNode details) {
        ObjectNode e = error(code, message);
        e.put("price_rao", config.price());
        e.put("gateway", hotkeyId.toSs58());
        if (details != null) {
            e.setAll(details);
        }
        return e;
    }

    static ObjectNode error(String code, String message) {
        return JSON.createObjectNode().put("error", code).put("message", message);
    }

    private static void respond(Response response, Callback callback, int status, ObjectNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
