package org.tao4j.client.model;

import java.math.BigDecimal;
import java.util.List;

/** {@code tao_getEmission}: the block emission at the current issuance and each subnet's value and share. */
public record Emission(long blockEmission, long totalIssuance, long blockNumber, List<SubnetEmission> subnets) {

    public Emission {
        subnets = List.copyOf(subnets);
    }

    /** A subnet's emission: rao per block in the last block, and its share from the root epoch. */
    public record SubnetEmission(int netuid, long emissionValue, BigDecimal emissionShare) {}
}
