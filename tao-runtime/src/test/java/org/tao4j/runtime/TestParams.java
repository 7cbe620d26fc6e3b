package org.tao4j.runtime;

/** Copies of {@link ChainParams} with one field changed, for tests that need a shorter limit. */
final class TestParams {

    private TestParams() {}

    static ChainParams withTakeIncreaseRateLimit(ChainParams p, long blocks) {
        return new ChainParams(
                p.existentialDeposit(),
                p.baseFee(),
                p.perByteFee(),
                p.minLock(),
                p.lockReductionInterval(),
                p.networkRateLimit(),
                p.subnetLimit(),
                p.networkImmunityPeriod(),
                p.defaultTempo(),
                p.rootTempo(),
                p.defaultMaxAllowedValidators(),
                p.minStake(),
                p.maxTakePpm(),
                blocks,
                p.ownerCutPpm(),
                p.rootSlots(),
                p.senateSize(),
                p.proposalDuration(),
                p.senateMinStakePpm(),
                p.newSubnetBurn(),
                p.defaultMinBurn(),
                p.defaultMaxBurn(),
                p.burnHalfLife(),
                p.maxPendingCommits(),
                p.maxWeightsPerCall());
    }
}
