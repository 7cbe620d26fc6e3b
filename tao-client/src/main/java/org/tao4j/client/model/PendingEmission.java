package org.tao4j.client.model;

/** {@code tao_getPendingEmission}: emission accumulated for a subnet's next epoch, and its last epoch's block. */
public record PendingEmission(int netuid, long pendingEmission, long lastEpochBlock) {}
