package org.tao4j.node.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A hostile WebSocket client on a raw socket (tests only): it does the handshake, then writes masked
 * text frames and reads nothing unless told to, which the JDK's WebSocket client cannot do (it
 * always reads). The receive buffer is small so the server's output piles up quickly.
 */
public final class RawWs implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private RawWs(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Connects from {@code from} (a loopback address; null = any) to 127.0.0.1:{@code port} and upgrades. */
    public static RawWs connect(InetAddress from, int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        s.getOutputStream()
                .write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                s.close();
                throw new IOException(
                        "closed during the WebSocket handshake: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        if (!head.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")) {
            s.close();
            throw new IOException("no upgrade: " + head.toString(StandardCharsets.ISO_8859_1));
        }
        return new RawWs(s);
    }

    /** One masked text frame (mask 0: the payload goes out as is after XOR with zero). */
    public static byte[] frame(String text) {
        byte[] p = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream f = new ByteArrayOutputStream(p.length + 14);
        f.write(0x81);
        if (p.length < 126) {
            f.write(0x80 | p.length);
        } else if (p.length < 65_536) {
            f.write(0x80 | 126);
            f.write(p.length >>> 8);
            f.write(p.length & 0xff);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) p.length >>> (8 * i)) & 0xff);
            }
        }
        f.write(0);
        f.write(0);
        f.write(0);
        f.write(0);
        f.writeBytes(p);
        return f.toByteArray();
    }

    /** Writes frames; false once the server has closed the connection (the write fails). */
    public boolean send(byte[] frames) {
        try {
            out.write(frames);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads (and discards) everything until the server closes the connection; true if it did within
     * {@code timeoutMs}. Finds a close frame's status code if one came (-1 otherwise).
     */
    public boolean drainUntilClosed(long timeoutMs, int[] closeCode) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        socket.setSoTimeout(1_000);
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[64 * 1024];
        byte[] last = new byte[0];
        while (System.nanoTime() < deadline) {
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException e) {
                return true; // reset: closed
            }
            if (n < 0) {
                return true;
            }
            // keep the tail: a close frame is the last thing the server writes
            byte[] tail = new byte[Math.min(256, last.length + n)];
            byte[] joined = new byte[last.length + n];
            System.arraycopy(last, 0, joined, 0, last.length);
            System.arraycopy(buf, 0, joined, last.length, n);
            System.arraycopy(joined, joined.length - tail.length, tail, 0, tail.length);
            last = tail;
            if (closeCode != null) {
                for (int i = 0; i + 3 < last.length; i++) {
                    if ((last[i] & 0xff) == 0x88
                            && (last[i + 1] & 0x80) == 0
                            && (last[i + 1] & 0x7f) >= 2
                            && i + 2 + (last[i + 1] & 0x7f) == last.length) {
                        closeCode[0] = ((last[i + 2] & 0xff) << 8) | (last[i + 3] & 0xff);
                    }
                }
            }
        }
        return false;
    }

    public boolean isClosedByPeer() {
        return socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
