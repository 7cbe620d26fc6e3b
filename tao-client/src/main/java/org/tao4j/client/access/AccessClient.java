package org.tao4j.client.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.runtime.channels.Voucher;

/**
 * A program's way to buy answers from a gateway ({@code tao gateway}): signs the next voucher of a
 * payment channel, keeps the running total in an {@link AccessLedger}, sends the query and returns
 * the answer with what it cost. docs/access.md.
 *
 * <p><b>What it may sign.</b> A query signs {@code paid + price}, where {@code paid} is the highest
 * amount a gateway answered for. Retries (on 429, 503, a timeout or a broken connection) send the
 * <em>same</em> amount again, never a higher one: however often it retries, the client never signs
 * more than the answers it received plus one price. If a gateway took a voucher and the answer was
 * lost (the next attempt is refused as stale at exactly that amount), that price is lost, the
 * ledger records it as paid and the query fails with {@code voucher_taken}: at most one price per
 * unanswered query.
 *
 * <p>Thread-safe; queries on one channel are serialised (a gateway serves one query per channel at
 * a time).
 */
public final class AccessClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prices reserved ahead in the ledger per forced write. */
    static final long RESERVE = 16;
    /** Largest answer read from a gateway. */
    public static final int MAX_RESPONSE_BYTES = 4 << 20;

    private final URI base;
    private final Ed25519.KeyPair coldkey;
    private final byte[] genesis;
    private final AccessLedger ledger;
    private final Duration timeout;
    private final int attempts;
    private final HttpClient http;
    private volatile Long price;

    /** What one paid query returned. */
    public record Answer(JsonNode body, long cost, long cumulative, int attempts) {}

    /**
     * @param gateway the gateway's base URL, e.g. {@code http://127.0.0.1:8095}
     * @param genesisHash the chain's genesis hash (from the client's own node: it is part of what is signed)
     * @param timeout per attempt
     * @param attempts 1 to 10 tries per query (retries send the same voucher)
     */
    public AccessClient(
            URI gateway,
            Ed25519.KeyPair coldkey,
            byte[] genesisHash,
            AccessLedger ledger,
            Duration timeout,
            int attempts) {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("attempts must be 1 to 10");
        }
        this.base = URI.create(gateway.toString().replaceAll("/+$", "") + "/");
        this.coldkey = coldkey;
        this.genesis = genesisHash.clone();
        this.ledger = ledger;
        this.timeout = timeout;
        this.attempts = attempts;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public AccessLedger ledger() {
        return ledger;
    }

    /** {@code GET /v1/info}: the gateway's netuid, hotkey, price, task types and miners. */
    public JsonNode info() {
        Reply r = send(HttpRequest.newBuilder(base.resolve("v1/info")).GET());
        if (r.status != 200) {
            throw new AccessException(r.status, r.code(), "the gateway's /v1/info answered " + r.status, r.body);
        }
        price = r.body.path("price_rao").asLong();
        return r.body;
    }

    /** The gateway's price per query in rao (read once from {@link #info()}). */
    public long price() {
        Long p = price;
        if (p == null) {
            info();
            p = price;
        }
        return p;
    }

    /**
     * One paid query: {@code input} in the subnet's form (see the gateway's {@code /openapi.json}).
     *
     * @throws AccessException when no answer came after the retries, or the voucher was refused
     */
    public Answer query(H256 channel, JsonNode input) {
        long p = price();
        synchronized (lockFor(channel)) {
            AccessLedger.Entry before = ledger.get(channel);
            long amount = Math.addExact(before.paid(), p);
            // durable before the voucher leaves: an upper bound of what this client ever signed,
            // reserved RESERVE prices ahead so that one fsync covers several queries
            ledger.signing(channel, amount, Math.multiplyExact(p, RESERVE));
            VoucherHeader v = new VoucherHeader(channel, amount, Voucher.sign(coldkey, genesis, channel, amount));
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(input);
            } catch (IOException e) {
                throw new IllegalArgumentException("the input is not JSON: " + e.getMessage());
            }
            AccessException last = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                Reply r = send(HttpRequest.newBuilder(base.resolve("v1/query"))
                        .header("content-type", "application/json")
                        .header(VoucherHeader.NAME, v.format())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
                if (r.status == 200) {
                    ledger.paid(channel, amount);
                    return new Answer(r.body, amount - before.paid(), amount, attempt);
                }
                last = new AccessException(r.status, r.code(), r.message(), r.body);
                if (r.status == 402 && "voucher_stale".equals(r.code())) {
                    long accepted = r.body.path("last_accepted").asLong(-1);
                    if (accepted >= amount && signedByUs(channel, accepted, r.body.path("last_accepted_signature"))) {
                        // the gateway holds our own voucher for it: an earlier attempt (or a run whose
                        // ledger line was lost) was taken and its answer lost. That is spent; the
                        // ledger says so, and the next query pays on from there.
                        ledger.paid(channel, accepted);
                        throw new AccessException(
                                402,
                                "voucher_taken",
                                "the gateway already holds your voucher for " + accepted
                                        + " rao but its answer was lost; the next query pays on from there",
                                r.body);
                    }
                    throw last;
                }
                if (r.status != 0 && r.status != 429 && r.status != 503) {
                    throw last; // 400, 402, 413, ...: repeating would change nothing
                }
                if (attempt < attempts) {
                    sleep(Math.min(2_000, 100L << attempt));
                }
            }
            throw last;
        }
    }

    /** Whether {@code sig} (hex) is this client's voucher for {@code amount} on {@code channel}. */
    private boolean signedByUs(H256 channel, long amount, JsonNode sig) {
        if (!sig.isTextual()) {
            return false;
        }
        try {
            return Voucher.verify(
                    org.tao4j.core.account.AccountId.of(coldkey.publicKey()),
                    genesis,
                    channel,
                    amount,
                    org.tao4j.core.crypto.Hex.fromHex(sig.asText(), 64));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private final java.util.Map<H256, Object> locks =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<H256, Object> e) {
                    return size() > 1024; // a program uses a handful of channels
                }
            });

    private Object lockFor(H256 channel) {
        return locks.computeIfAbsent(channel, c -> new Object());
    }

    private record Reply(int status, JsonNode body) {
        String code() {
            return body == null ? "unreachable" : body.path("error").asText("http_" + status);
        }

        String message() {
            if (body != null && body.hasNonNull("message")) {
                return body.get("message").asText();
            }
            return status == 0 ? "the gateway could not be reached" : "the gateway answered " + status;
        }
    }

    private Reply send(HttpRequest.Builder b) {
        HttpRequest req = b.timeout(timeout).build();
        try {
            HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            byte[] bytes;
            try (InputStream in = resp.body()) {
                bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            }
            if (bytes.length > MAX_RESPONSE_BYTES) {
                return new Reply(0, null);
            }
            JsonNode n;
            try {
                n = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            } catch (IOException e) {
                n = JSON.createObjectNode().put("error", "malformed_answer").put("message", "not JSON");
            }
            return new Reply(resp.statusCode(), n);
        } catch (IOException e) {
            return new Reply(0, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessException(0, "interrupted", "interrupted", null);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AccessException(0, "interrupted", "interrupted", null);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
