package org.tao4j.node.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The bench client's submission connection: a small blocking WebSocket client (RFC 6455, text
 * frames, client-to-server masking, ping/pong and close), one reader thread per connection.
 *
 * <p>Why not the JDK's {@code java.net.http.WebSocket}, which the bench used before: the bench client
 * shares the machine's cores with the node it measures, so whatever CPU the client spends per
 * submission is taken from the node. The JDK client spent 18-21 µs of CPU per submission and reply
 * (its selector and worker threads, futures, and the G1 service and compiler threads its garbage and
 * code kept busy); this one writes each request as one masked frame with one socket write, as the
 * JDK client did, and reads replies with plain blocking reads. It is test code for the benchmark
 * only: the node's own clients (CLI, SDK) use the JDK client.
 */
final class BenchWebSocket implements AutoCloseable {

    /** What the reader does with each whole text message (UTF-8 bytes, valid from 0 to length). */
    interface Handler {
        void on(byte[] utf8, int length);
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final SplittableRandom random;
    private final Thread reader;
    private volatile Handler handler;
    private byte[] frame = new byte[1024];

    private BenchWebSocket(Socket socket, DataInputStream in, Handler handler, long seed) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = in;
        this.handler = handler;
        this.random = new SplittableRandom(seed);
        this.reader = Thread.ofPlatform().daemon().name("bench-ws-reader").start(this::readLoop);
    }

    /** Opens a connection to {@code ws://host:port/} (the HTTP upgrade is checked, accept key included). */
    static BenchWebSocket connect(String host, int port, Handler handler) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), 10_000);
            s.setSoTimeout(10_000); // for the handshake only
            byte[] nonce = new byte[16];
            new SplittableRandom(System.nanoTime()).nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            s.getOutputStream()
                    .write(("GET / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key
                                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            String head = readHead(in);
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException(
                        "WebSocket upgrade refused: " + head.lines().findFirst().orElse(""));
            }
            String expected =
                    Base64.getEncoder().encodeToString(sha1((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            if (head.lines()
                    .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("sec-websocket-accept:")
                            && l.substring(l.indexOf(':') + 1).trim().equals(expected))) {
                throw new IOException("WebSocket upgrade without the right Sec-WebSocket-Accept");
            }
            s.setSoTimeout(0);
            return new BenchWebSocket(s, in, handler, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    void setHandler(Handler h) {
        handler = h;
    }

    /** Sends one text message as one masked frame, in one socket write. */
    synchronized void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized void sendFrame(int opcode, byte[] payload) throws IOException {
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65_536 ? 4 : 10;
        int size = header + 4 + len;
        if (frame.length < size) {
            frame = new byte[Math.max(size, frame.length * 2)];
        }
        byte[] f = frame;
        f[0] = (byte) (0x80 | opcode);
        if (len < 126) {
            f[1] = (byte) (0x80 | len);
        } else if (len < 65_536) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) len >>> (56 - 8 * i));
            }
        }
        int mask = random.nextInt();
        f[header] = (byte) (mask >>> 24);
        f[header + 1] = (byte) (mask >>> 16);
        f[header + 2] = (byte) (mask >>> 8);
        f[header + 3] = (byte) mask;
        int p = header + 4;
        for (int i = 0; i < len; i++) {
            f[p + i] = (byte) (payload[i] ^ f[header + (i & 3)]);
        }
        out.write(f, 0, size);
    }

    private void readLoop() {
        byte[] message = new byte[1 << 16];
        int messageLength = 0;
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                int opcode = b0 & 0x0F;
                boolean fin = (b0 & 0x80) != 0;
                long len = b1 & 0x7F;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                if ((b1 & 0x80) != 0) {
                    throw new IOException("the server masked a frame");
                }
                if (len > Integer.MAX_VALUE - 8 || messageLength + len > 64L << 20) {
                    throw new IOException("frame too large: " + len + " bytes");
                }
                int n = (int) len;
                if (opcode >= 0x8) { // control frames are never fragmented and at most 125 bytes
                    byte[] payload = new byte[n];
                    in.readFully(payload);
                    if (opcode == 0x9) {
                        sendFrame(0xA, payload);
                    } else if (opcode == 0x8) {
                        synchronized (this) {
                            if (!socket.isClosed()) {
                                sendFrame(0x8, payload); // echo the close
                            }
                        }
                        return;
                    }
                    continue;
                }
                if (message.length < messageLength + n) {
                    message = java.util.Arrays.copyOf(message, Math.max(messageLength + n, message.length * 2));
                }
                in.readFully(message, messageLength, n);
                messageLength += n;
                if (fin) {
                    handler.on(message, messageLength);
                    messageLength = 0;
                }
            }
        } catch (EOFException e) {
            // the server closed the connection
        } catch (IOException e) {
            if (!socket.isClosed()) {
                System.err.println("bench WebSocket: " + e.getMessage());
            }
        }
    }

    /** Sends a normal close, waits (briefly) for the server's, and closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            sendFrame(0x8, new byte[] {0x03, (byte) 0xE8}); // 1000, normal closure
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
        }
    }

    /** How often {@code what} (ASCII) occurs in the first {@code length} bytes of {@code utf8}. */
    static int count(byte[] utf8, int length, byte[] what) {
        int n = 0;
        outer:
        for (int i = 0; i + what.length <= length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (utf8[i + j] != what[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed during the WebSocket upgrade");
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : c == '\r' ? 1 : 0;
            if (b.size() > 16_384) {
                throw new IOException("WebSocket upgrade response headers too long");
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] sha1(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
