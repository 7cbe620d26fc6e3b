package org.tao4j.node.sync;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a full node downloads blocks from: the nodes' RPC addresses ({@code ws://host:port}). Fed by
 * {@code --sync-peer} (repeatable) and, on a networked chain, by the chain spec's bootnodes; the sync
 * loop asks for the current list each time it picks a peer, so an implementation may change it at any
 * time. At most {@link #MAX_PEERS} are used.
 */
@FunctionalInterface
public interface SyncPeers {

    /** The most peers a full node keeps in its list (the rest are ignored). */
    int MAX_PEERS = 64;

    /** The peers to try, in order of preference. */
    List<URI> current();

    /** A fixed list (e.g. from {@code --sync-peer}). */
    static SyncPeers of(List<URI> peers) {
        List<URI> copy = List.copyOf(peers.size() > MAX_PEERS ? peers.subList(0, MAX_PEERS) : peers);
        return () -> copy;
    }

    /** Both lists, this one first, without duplicates (at most {@link #MAX_PEERS}). */
    default SyncPeers and(SyncPeers other) {
        return () -> {
            List<URI> out = new ArrayList<>();
            for (URI u : current()) {
                if (out.size() < MAX_PEERS && !out.contains(u)) {
                    out.add(u);
                }
            }
            for (URI u : other.current()) {
                if (out.size() < MAX_PEERS && !out.contains(u)) {
                    out.add(u);
                }
            }
            return out;
        };
    }

    /**
     * Parses a peer address: {@code ws://host:port} (also {@code http://}, or a bare {@code host:port}).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    static URI parse(String s) {
        String v = s.trim();
        if (!v.contains("://")) {
            v = "ws://" + v;
        }
        URI u;
        try {
            u = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--sync-peer '" + s + "' is not an address like ws://127.0.0.1:9944");
        }
        String scheme = u.getScheme();
        if (u.getHost() == null
                || u.getPort() < 1
                || !(scheme.equals("ws") || scheme.equals("http") || scheme.equals("wss") || scheme.equals("https"))) {
            throw new IllegalArgumentException("--sync-peer '" + s
                    + "' is not an address like ws://127.0.0.1:9944 (scheme ws or http, a host and a port)");
        }
        boolean tls = scheme.equals("wss") || scheme.equals("https");
        return URI.create((tls ? "wss" : "ws") + "://" + u.getHost() + ":" + u.getPort() + "/");
    }
}
