package org.tao4j.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A scripted JSON-RPC WebSocket server (Jetty): the tests decide what it answers, in which order,
 * and when it drops a connection — things a real node does not do on demand.
 */
public final class FakeNode implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the server does with each request. */
    interface Script {
        void onRequest(Conn conn, JsonNode request);
    }

    /** One client connection. */
    public final class Conn implements Session.Listener.AutoDemanding {
        final int number = connectionCount.incrementAndGet();
        volatile Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            connections.add(this);
        }

        @Override
        public void onWebSocketText(String text) {
            try {
                script.onRequest(this, JSON.readTree(text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onWebSocketPing(java.nio.ByteBuffer payload) {
            if (answerPings) {
                session.sendPong(payload, Callback.NOOP);
                pingsAnswered.incrementAndGet();
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // drops are what these tests do
        }

        void send(JsonNode message) {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.sendText(message.toString(), Callback.NOOP);
            }
        }

        void reply(JsonNode request, Object result) {
            ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0");
            r.set("result", JSON.valueToTree(result));
            r.set("id", request.get("id"));
            send(r);
        }

        void error(JsonNode request, int code, String message) {
            ObjectNode r = JSON.createObjectNode().put("jsonrpc", "2.0");
            r.putObject("error").put("code", code).put("message", message);
            r.set("id", request.get("id"));
            send(r);
        }

        void notify(String method, String subscription, Object result) {
            ObjectNode n = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
            ObjectNode p = n.putObject("params").put("subscription", subscription);
            p.set("result", JSON.valueToTree(result));
            send(n);
        }

        /** Drops the TCP connection without a close frame. */
        void drop() {
            session.disconnect();
        }
    }

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final Script script;
    /** False: pings go unanswered (a half-open connection, as far as the client can tell). */
    volatile boolean answerPings = true;
    /** Pings answered so far, over all connections: lets a test wait for pings instead of sleeping. */
    final java.util.concurrent.atomic.AtomicInteger pingsAnswered = new java.util.concurrent.atomic.AtomicInteger();

    final AtomicInteger connectionCount = new AtomicInteger();
    final List<Conn> connections = new CopyOnWriteArrayList<>();

    FakeNode(Script script) throws Exception {
        this.script = script;
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(WebSocketUpgradeHandler.from(
                server, container -> container.addMapping("/", (req, resp, cb) -> new Conn())));
        server.start();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort());
    }

    Conn last() {
        return connections.get(connections.size() - 1);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A header as chain_newHead sends it. */
    static ObjectNode header(long number) {
        String hash = String.format("0x%064x", number + 1);
        String parent = String.format("0x%064x", number);
        return JSON.createObjectNode()
                .put("parentHash", parent)
                .put("number", number)
                .put("stateRoot", hash)
                .put("extrinsicsRoot", hash)
                .put("timestamp", 1_700_000_000_000L + number)
                .put("author", TestNodes.id("Alice").toSs58())
                .put("hash", hash);
    }
}
