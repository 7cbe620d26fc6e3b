package org.tao4j.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;

/**
 * Each bound of the RPC port (issue 12, attacks 2 and 9), against a real Jetty server with small
 * limits over a real --dev node's dispatcher, from real sockets on loopback. Several loopback source
 * addresses (127.0.0.2, ...) stand for several clients.
 */
class RpcLimitsTest {

    static Node node;

    @BeforeAll
    static void start() throws Exception {
        node = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(-1, false)
                .withMetricsPort(-1)
                .withBlockTime(Duration.ofMillis(200)));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonRpcServer server(RpcLimits limits) throws Exception {
        JsonRpcServer s = new JsonRpcServer(node.dispatcher(), "127.0.0.1", 0, limits);
        s.start();
        return s;
    }

    static void await(String what, long timeoutMs, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    static InetAddress loopback(int last) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    @Test
    void subscriptionsPerConnectionAreCapped() throws Exception {
        try (JsonRpcServer s = server(RpcLimits.defaults().withSubscriptions(3));
                RpcClient.Ws ws = new RpcClient(s.port()).ws()) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                ws.send(RpcClient.request(i, "chain_subscribeNewHeads").toString());
                JsonNode r = nextReply(ws, i);
                if (i <= 3) {
                    ids.add(r.get("result").asText());
                } else {
                    assertThat(r.at("/error/code").asInt()).isEqualTo(RpcErrors.LIMIT_EXCEEDED);
                    assertThat(r.at("/error/message").asText()).contains("too many subscriptions", "limit is 3");
                }
            }
            // a watched submission counts too
            ws.send(RpcClient.request(5, "author_submitAndWatchExtrinsic", "0x00")
                    .toString());
            assertThat(nextReply(ws, 5).at("/error/code").asInt()).isEqualTo(RpcErrors.LIMIT_EXCEEDED);
            ws.send(RpcClient.request(6, "chain_unsubscribeNewHeads", ids.get(0))
                    .toString());
            assertThat(nextReply(ws, 6).get("result").asBoolean()).isTrue();
            ws.send(RpcClient.request(7, "chain_subscribeNewHeads").toString());
            assertThat(nextReply(ws, 7).has("result")).isTrue();
        }
    }

    /** The reply with {@code id}, skipping notifications. */
    static JsonNode nextReply(RpcClient.Ws ws, long id) throws InterruptedException {
        while (true) {
            JsonNode m = ws.next();
            if (m.has("id") && m.get("id").asLong() == id) {
                return m;
            }
        }
    }

    @Test
    void aClientThatDoesNotReadIsCutOffAndItsBytesAreReleased() throws Exception {
        nonReaderIsCutOff(RpcLimits.defaults()
                .withUnsent(64 * 1024, 1 << 20, 16 * 1024)
                .withWriteStallTimeout(Duration.ofSeconds(2)));
    }

    /**
     * With a byte bound too large to reach, the client is still cut off: by Jetty's outgoing-frame cap,
     * or by the write-stall timeout when the node has stopped reading it first (in-flight bound).
     */
    @Test
    void aClientThatTakesNothingIsCutOffBelowTheByteBound() throws Exception {
        nonReaderIsCutOff(RpcLimits.defaults()
                .withUnsent(1L << 40, 1L << 41, 1L << 40)
                .withWriteStallTimeout(Duration.ofSeconds(2)));
    }

    private static void nonReaderIsCutOff(RpcLimits limits) throws Exception {
        try (JsonRpcServer s = server(limits)) {
            RawWs bad = RawWs.connect(null, s.port());
            StringBuilder batch = new StringBuilder();
            byte[] req = RawWs.frame(RpcClient.request(1, "rpc_methods").toString());
            for (int i = 0; i < 200; i++) {
                batch.append(new String(req, StandardCharsets.ISO_8859_1));
            }
            byte[] frames = batch.toString().getBytes(StandardCharsets.ISO_8859_1);
            long deadline = System.nanoTime() + 60_000_000_000L;
            // the writes block once the node stops reading (in-flight bound); the cut-off unblocks them
            while (s.cutOffs() == 0 && System.nanoTime() < deadline && bad.send(frames)) {
                Thread.sleep(5);
            }
            await("the non-reader is cut off", 30_000, () -> s.cutOffs() == 1);
            assertThat(bad.drainUntilClosed(30_000, null))
                    .as("the server closed the socket")
                    .isTrue();
            await("its unsent bytes are released", 30_000, () -> s.unsentBytes() == 0);
            bad.close();
            // a reading client on the same server is unaffected
            try (RpcClient.Ws ws = new RpcClient(s.port()).ws()) {
                ws.send(RpcClient.request(9, "system_health").toString());
                assertThat(nextReply(ws, 9).has("result")).isTrue();
            }
        }
    }

    @Test
    void connectionsPerAddressAreCapped() throws Exception {
        try (JsonRpcServer s = server(RpcLimits.defaults().withConnections(50, 3))) {
            InetAddress a = loopback(2);
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(connect(a, s.port()));
                }
                // one of the four (the last to be accepted) is closed at once; three stay open
                int closed = 0;
                for (java.util.Iterator<Socket> it = held.iterator(); it.hasNext(); ) {
                    Socket h = it.next();
                    if (closedWithin(h, 3_000)) {
                        closed++;
                        h.close();
                        it.remove();
                    }
                }
                assertThat(closed)
                        .as("connections from one address closed beyond the cap of 3")
                        .isEqualTo(1);
                assertThat(s.refusedConnections()).isEqualTo(1);
                // another address is served
                assertThat(httpHealth(loopback(1), s.port())).startsWith("HTTP/1.1 200");
                // and the first address again once one of its connections closed
                held.remove(0).close();
                await("the server saw the close", 10_000, () -> {
                    try {
                        return httpHealth(a, s.port()).startsWith("HTTP/1.1 200");
                    } catch (IOException e) {
                        return false;
                    }
                });
            } finally {
                for (Socket h : held) {
                    h.close();
                }
            }
        }
    }

    @Test
    void aSlowRequestHeadIsCutButAnIdleKeptAliveConnectionIsNot() throws Exception {
        RpcLimits limits = RpcLimits.defaults()
                .withTimeouts(
                        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120), Duration.ofSeconds(5));
        try (JsonRpcServer s = server(limits)) {
            // silent from the start
            Socket silent = connect(null, s.port());
            assertThat(closedWithin(silent, 10_000))
                    .as("a connection that sends nothing")
                    .isTrue();
            // slow-loris: a header byte every 200 ms, forever
            Socket loris = connect(null, s.port());
            OutputStream out = loris.getOutputStream();
            out.write("POST / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            long t0 = System.nanoTime();
            boolean cut = false;
            while (System.nanoTime() - t0 < 20_000_000_000L) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                if (closedWithin(loris, 200)) {
                    cut = true;
                    break;
                }
            }
            assertThat(cut).as("the slow-loris connection is cut").isTrue();
            assertThat(s.headerTimeouts()).isGreaterThanOrEqualTo(2);
            // an honest keep-alive connection may sit idle between requests (well within the idle timeout)
            try (Socket honest = connect(null, s.port())) {
                String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system_chain\"}";
                String req = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body;
                for (int i = 0; i < 2; i++) {
                    honest.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
                    assertThat(readResponse(honest)).startsWith("HTTP/1.1 200").contains("Development");
                    Thread.sleep(3_000); // three header-read timeouts
                }
            }
        }
    }

    @Test
    void atTheTotalCapIdleConnectionsMakeRoom() throws Exception {
        RpcLimits limits = RpcLimits.defaults()
                .withConnections(4, 4)
                .withTimeouts(
                        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(1));
        try (JsonRpcServer s = server(limits)) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    idle.add(connect(loopback(10 + i), s.port()));
                }
                // the cap is reached: Jetty stops accepting and drops the idle timeout to 1 s, so an idle
                // connection is closed and the new one gets in. Once one has closed the count is below the
                // cap and Jetty restores the others' idle timeout, so only "at least one" is guaranteed.
                assertThat(httpHealth(loopback(1), s.port())).startsWith("HTTP/1.1 200");
                int closed = 0;
                for (Socket i : idle) {
                    if (closedWithin(i, closed == 0 ? 10_000 : 100)) {
                        closed++;
                    }
                }
                assertThat(closed).as("idle connections closed at the cap").isGreaterThanOrEqualTo(1);
            } finally {
                for (Socket i : idle) {
                    i.close();
                }
            }
        }
    }

    static Socket connect(InetAddress from, int port) throws IOException {
        Socket s = new Socket();
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }

    /** True if the peer closes (EOF or reset) within {@code ms}; anything read is discarded. */
    static boolean closedWithin(Socket s, long ms) throws IOException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < deadline) {
            s.setSoTimeout((int) Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // still open
            } catch (SocketException e) {
                return true;
            }
        }
        return false;
    }

    static String httpHealth(InetAddress from, int port) throws IOException {
        try (Socket s = connect(from, port)) {
            s.getOutputStream()
                    .write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
            s.setSoTimeout(30_000);
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads one response with a Content-Length body. */
    static String readResponse(Socket s) throws IOException {
        s.setSoTimeout(30_000);
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed: " + head);
            }
            head.append((char) b);
        }
        String h = head.toString().toLowerCase();
        int cl = h.indexOf("content-length: ");
        int len = Integer.parseInt(h.substring(cl + 16, h.indexOf("\r\n", cl)).trim());
        return head + new String(in.readNBytes(len), StandardCharsets.UTF_8);
    }
}
