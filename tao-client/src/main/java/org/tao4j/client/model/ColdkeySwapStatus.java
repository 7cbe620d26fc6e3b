package org.tao4j.client.model;

import org.tao4j.core.account.AccountId;

/**
 * {@code tao_getColdkeySwap}: a coldkey's pending swap. {@code pending} false means none (the other
 * swap fields are then null); {@code delay} is the chain's announcement delay in blocks.
 */
public record ColdkeySwapStatus(
        AccountId coldkey,
        long delay,
        long block,
        long lastHotkeySwap,
        boolean pending,
        String newColdkeyHash,
        Long announcedAt,
        Long executableAt,
        Boolean disputed) {}
