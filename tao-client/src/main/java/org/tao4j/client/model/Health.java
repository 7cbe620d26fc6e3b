package org.tao4j.client.model;

/** {@code system_health}. */
public record Health(int peers, boolean isSyncing, boolean shouldHavePeers) {}
