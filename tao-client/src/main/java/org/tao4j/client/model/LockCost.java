package org.tao4j.client.model;

/** {@code tao_getLockCost}: what {@code register_network} would lock in block {@code block}. */
public record LockCost(long lockCost, long block, long minLock, long lastLock) {}
