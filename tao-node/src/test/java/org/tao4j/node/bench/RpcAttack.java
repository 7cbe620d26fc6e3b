package org.tao4j.node.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tao4j.node.rpc.RawWs;
import org.tao4j.node.rpc.RpcClient;

/**
 * The RPC attacks of issue 12 run beside the node bench's measured run ({@code --attack}), the same
 * attacks as {@code RpcHostileLoadIT} but kept up for the whole measurement: attackers come from
 * 127.0.0.2 and up, so the bench's own connections (127.0.0.1) are honest traffic.
 * <ul>
 *   <li>{@code unread-subscriptions}: four connections that each open 1,100 head subscriptions and
 *       read nothing for 15 s; a new one replaces each one the node cuts off.</li>
 *   <li>{@code request-flood}: two connections writing batches of 1,000 requests and never reading; a
 *       new one replaces each one the node cuts off.</li>
 *   <li>{@code slowloris}: 2,100 connections from 12 addresses sending a request head one byte every
 *       2 s; closed ones are reopened.</li>
 * </ul>
 */
final class RpcAttack implements AutoCloseable {

    private final String kind;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong cutOff = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    private RpcAttack(String kind) {
        this.kind = kind;
    }

    static RpcAttack start(String kind, int port) throws IOException {
        RpcAttack a = new RpcAttack(kind);
        switch (kind) {
            case "unread-subscriptions" -> {
                byte[] frames = frames(1_100, "chain_subscribeNewHeads");
                for (int i = 0; i < 4; i++) {
                    int from = 2 + i;
                    a.loop("unread-subs-" + i, () -> {
                        RawWs ws = RawWs.connect(loopback(from), port);
                        a.open.add(ws);
                        if (ws.send(frames)) {
                            a.sent.addAndGet(1_100);
                        }
                        // read nothing for 15 s (the node cuts off a WebSocket that takes none of its
                        // output for 10 s), then see that it was closed and start over
                        for (int t = 0; t < 150 && !a.stop.get(); t++) {
                            sleep(100);
                        }
                        if (!a.stop.get() && ws.drainUntilClosed(30_000, null)) {
                            a.cutOff.incrementAndGet();
                        }
                        ws.close();
                    });
                }
            }
            case "request-flood" -> {
                byte[] frames = frames(1_000, "chain_getHeader");
                for (int i = 0; i < 2; i++) {
                    int from = 2 + i;
                    a.loop("request-flood-" + i, () -> {
                        RawWs ws = RawWs.connect(loopback(from), port);
                        a.open.add(ws);
                        while (!a.stop.get() && ws.send(frames)) {
                            a.sent.addAndGet(1_000);
                        }
                        a.cutOff.incrementAndGet();
                        ws.close();
                    });
                }
            }
            case "slowloris" -> {
                List<Socket> loris = new CopyOnWriteArrayList<>();
                a.threads.add(Thread.ofPlatform().name("slowloris").daemon().start(() -> {
                    byte[] head = "POST / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1);
                    while (!a.stop.get()) {
                        loris.removeIf(Socket::isClosed);
                        for (int i = loris.size(); i < 2_100 && !a.stop.get(); i++) {
                            Socket s = new Socket();
                            try {
                                s.bind(new InetSocketAddress(loopback(20 + i % 12), 0));
                                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                                s.getOutputStream().write(head);
                                loris.add(s);
                                a.open.add(s);
                                a.sent.incrementAndGet();
                            } catch (IOException e) {
                                close(s);
                            }
                        }
                        for (Socket s : loris) {
                            try {
                                OutputStream out = s.getOutputStream();
                                out.write('X');
                                out.flush();
                            } catch (IOException e) {
                                a.cutOff.incrementAndGet();
                                close(s);
                            }
                        }
                        sleep(2_000);
                    }
                }));
            }
            default -> throw new IllegalArgumentException("unknown RPC attack '" + kind + "'");
        }
        return a;
    }

    interface Round {
        void run() throws IOException;
    }

    /** Runs {@code round} again and again on its own thread until closed (each round is one attacker). */
    private void loop(String name, Round round) {
        threads.add(Thread.ofPlatform().name(name).daemon().start(() -> {
            while (!stop.get()) {
                try {
                    round.run();
                } catch (IOException e) {
                    sleep(100); // refused (a cap at work) or cut off: try again
                }
            }
        }));
    }

    String summary() {
        return switch (kind) {
            case "slowloris" -> sent.get() + " connections opened, " + cutOff.get() + " closed by the node";
            default -> sent.get() + " requests written, " + cutOff.get() + " connections cut off by the node";
        };
    }

    private static byte[] frames(int count, String method) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append(new String(RawWs.frame(RpcClient.request(i, method).toString()), StandardCharsets.ISO_8859_1));
        }
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InetAddress loopback(int last) throws IOException {
        return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        stop.set(true);
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed
            }
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}
