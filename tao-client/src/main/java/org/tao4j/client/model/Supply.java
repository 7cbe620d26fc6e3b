package org.tao4j.client.model;

/**
 * {@code tao_getSupply}: issuance, minted and recycled totals, and the parts of the issuance
 * invariant ({@code totalIssuance == free + stake + locks + pendingEmission}).
 */
public record Supply(
        long totalIssuance,
        long totalMinted,
        long totalRecycled,
        long free,
        long stake,
        long locks,
        long pendingEmission,
        long accounts,
        boolean invariantHolds,
        long blockNumber) {}
