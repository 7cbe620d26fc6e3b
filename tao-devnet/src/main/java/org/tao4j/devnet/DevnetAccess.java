package org.tao4j.devnet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.access.AccessClient;
import org.tao4j.client.access.AccessException;
import org.tao4j.client.access.AccessLedger;
import org.tao4j.client.access.ChannelInfo;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.devnet.Devnet.DevnetException;
import org.tao4j.devnet.Devnet.Member;
import org.tao4j.devnet.Devnet.Role;
import org.tao4j.devnet.Devnet.SubnetRun;
import org.tao4j.gateway.Gateway;
import org.tao4j.gateway.GatewayConfig;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.runtime.tx.Call;

/**
 * Paid access in the devnet ({@code --access}, on by default): a gateway on the first validator of
 * each subnet, and one outside client (a funded account that is no neuron) that opens a channel to
 * each gateway and sends it a paid query every {@value #PERIOD_MILLIS} ms. docs/access.md.
 */
final class DevnetAccess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevnetAccess.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long PRICE = 1_000_000; // 0.001 TAO
    static final long DEPOSIT = 10 * Devnet.TAO;
    static final long CLIENT_FUNDS = 100 * Devnet.TAO;
    static final long CLAIM_THRESHOLD = 10 * PRICE;
    static final long PERIOD_MILLIS = 3_000;
    static final long CHANNEL_BLOCKS = 1_000_000;

    /** One subnet's gateway and the client's channel to it. */
    static final class Run {
        final SubnetRun subnet;
        final Gateway gateway;
        final H256 channel;
        final AccessClient client;
        final AtomicLong queries = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile String last = "";

        Run(SubnetRun subnet, Gateway gateway, H256 channel, AccessClient client) {
            this.subnet = subnet;
            this.gateway = gateway;
            this.channel = channel;
            this.client = client;
        }
    }

    private final Devnet d;
    private final Ed25519.KeyPair clientKey = Devnet.key("//Devnet//access//client");
    private final List<Run> runs = new ArrayList<>();
    private ScheduledExecutorService loop;

    DevnetAccess(Devnet d) {
        this.d = d;
    }

    AccountId clientAccount() {
        return AccountId.of(clientKey.publicKey());
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    /** Funds the client, starts a gateway per subnet, opens the channels and starts the queries. */
    void start() {
        long have = d.client.balance(clientAccount()).free();
        if (have < CLIENT_FUNDS / 2) {
            expectOk(
                    "funding the access client",
                    d.client
                            .tx(DevAccounts.keyPair("Alice"), new Call.Transfer(clientAccount(), CLIENT_FUNDS - have))
                            .submitAndWatch()
                            .await(Duration.ofSeconds(60)));
        }
        for (SubnetRun s : d.subnets) {
            Member v = s.members.stream()
                    .filter(m -> m.role() == Role.VALIDATOR)
                    .findFirst()
                    .orElseThrow(() -> new DevnetException("subnet " + s.name + " has no validator for a gateway"));
            GatewayConfig c = GatewayConfig.defaults(
                            s.name,
                            s.netuid,
                            d.options.basePath().resolve("gateway").resolve(s.name))
                    .withHost("127.0.0.1")
                    .withPort(0)
                    .withPrice(PRICE)
                    .withTopK(4)
                    .withClaimThreshold(CLAIM_THRESHOLD);
            Gateway g = Gateway.start(c, v.hotkey(), d.client);
            long head = d.client.head().number();
            TxOutcome o = d.client
                    .tx(clientKey, new Call.OpenChannel(v.hotkeyId(), s.netuid, DEPOSIT, head + CHANNEL_BLOCKS))
                    .submitAndWatch()
                    .await(Duration.ofSeconds(60));
            TxOutcome.Finalized f = expectOk("open_channel to the " + s.name + " gateway", o);
            List<ChainEvent> opened = f.eventsOfType("ChannelOpened");
            if (opened.isEmpty()) {
                g.close();
                throw new DevnetException("open_channel succeeded without a ChannelOpened event");
            }
            H256 channel = H256.fromHex(opened.get(0).fields().get("channel").asText());
            AccessClient ac = new AccessClient(
                    URI.create(g.url()),
                    clientKey,
                    d.client.genesisHash().bytes(),
                    new AccessLedger(
                            d.options.basePath().resolve("access-client").resolve(channel.toHex())),
                    Duration.ofSeconds(60),
                    3);
            runs.add(new Run(s, g, channel, ac));
            d.log("subnet " + s.netuid + " '" + s.name + "': gateway " + g.url() + " on validator "
                    + v.hotkeyId().toSs58() + ", price " + LiveView.tao(PRICE) + " TAO; outside client "
                    + clientAccount().toSs58() + " deposited " + LiveView.tao(DEPOSIT) + " TAO");
        }
        loop = Executors.newScheduledThreadPool(runs.size(), r -> {
            Thread t = new Thread(r, "devnet-access");
            t.setDaemon(true);
            return t;
        });
        for (Run r : runs) {
            loop.scheduleWithFixedDelay(() -> queryOnce(r), 500, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void queryOnce(Run r) {
        long n = r.queries.get();
        ObjectNode input = JSON.createObjectNode();
        if (r.subnet.name.equals("text")) {
            input.put("text", "Call me Ishmael. Some years ago - never mind how long precisely - having little");
            input.put("chars", 24);
            input.put("decoding", "sample");
            input.put("seed", n);
        } else {
            var series = input.putArray("series");
            for (int i = 0; i < 96; i++) {
                series.add(100 + 20 * Math.sin((i + n) * Math.PI / 12) + (i % 7));
            }
            input.put("horizon", 12);
        }
        try {
            AccessClient.Answer a = r.client.query(r.channel, input);
            r.queries.incrementAndGet();
            r.last = r.subnet.name.equals("text")
                    ? "\"" + a.body().at("/answer/continuation").asText() + "\""
                    : a.body().at("/answer/forecast").size() + " steps";
        } catch (AccessException e) {
            r.failures.incrementAndGet();
            r.last = "failed: " + e.code();
            LOG.debug(
                    "devnet.access_query_failed subnet={} code={} message={}", r.subnet.name, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            r.failures.incrementAndGet();
            r.last = "failed: " + e.getMessage();
        }
    }

    /** The live view's line for a subnet; empty when it has no gateway. */
    String line(SubnetRun s) {
        for (Run r : runs) {
            if (r.subnet == s) {
                return String.format(
                        Locale.ROOT,
                        "access: gateway %s   queries %d   paid %s TAO   claimed %s TAO   last %s",
                        r.gateway.url(),
                        r.gateway.served(),
                        LiveView.tao(r.gateway.paidRao()),
                        LiveView.tao(r.gateway.claimedRao()),
                        r.last);
            }
        }
        return "";
    }

    /**
     * Stops the queries, lets each gateway claim what it holds, and reads each channel from the chain:
     * the summary's {@code "access"} array. {@code claimed + refunded + locked == deposit} holds for
     * every channel (checked by DevnetAccessTest).
     */
    ArrayNode summary() {
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(70, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ArrayNode out = JSON.createArrayNode();
        for (Run r : runs) {
            r.gateway.claimAll();
            ChannelInfo ch = ChannelInfo.fetch(d.client, r.channel).orElseThrow();
            long refunded = ch.closed() ? ch.deposit() - ch.claimed() : 0;
            long locked = ch.closed() ? 0 : ch.deposit() - ch.claimed();
            ObjectNode o = out.addObject();
            o.put("netuid", r.subnet.netuid);
            o.put("gateway", r.gateway.hotkey().toSs58());
            o.put("channel", r.channel.toHex());
            o.put("queries", r.gateway.served());
            o.put("paid_rao", r.gateway.paidRao());
            o.put("claimed_rao", ch.claimed());
            o.put("refunded_rao", refunded);
            o.put("locked_rao", locked);
            o.put("deposit_rao", ch.deposit());
        }
        return out;
    }

    @Override
    public void close() {
        if (loop != null) {
            loop.shutdownNow();
        }
        for (Run r : runs) {
            try {
                r.client.close();
                r.gateway.close();
            } catch (RuntimeException e) {
                LOG.debug("while stopping a gateway", e);
            }
        }
    }

    private static TxOutcome.Finalized expectOk(String what, TxOutcome o) {
        if (o instanceof TxOutcome.Finalized f && f.isSuccess()) {
            return f;
        }
        throw new DevnetException(what + " failed: "
                + (o instanceof TxOutcome.Finalized f ? f.error() + " " + f.errorMessage() : o.toString()));
    }
}
