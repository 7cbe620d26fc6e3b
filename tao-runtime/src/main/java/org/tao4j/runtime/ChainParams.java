package org.tao4j.runtime;

import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;

/**
 * Chain-wide parameters (docs/spec/chain.md). They come from the genesis and live in state, so that governance
 * (or the sudo key on a dev chain) can change the ones docs/spec/chain.md §6 lists. Amounts are rao; shares are
 * parts per million; durations are blocks.
 */
public record ChainParams(
        long existentialDeposit,
        long baseFee,
        long perByteFee,
        long minLock,
        long lockReductionInterval,
        long networkRateLimit,
        int subnetLimit,
        long networkImmunityPeriod,
        int defaultTempo,
        int rootTempo,
        int defaultMaxAllowedValidators,
        long minStake,
        int maxTakePpm,
        long takeIncreaseRateLimit,
        int ownerCutPpm,
        int rootSlots,
        int senateSize,
        long proposalDuration,
        long senateMinStakePpm,
        long newSubnetBurn,
        long defaultMinBurn,
        long defaultMaxBurn,
        int burnHalfLife,
        int maxPendingCommits,
        int maxWeightsPerCall) {

    public static final long RAO_PER_TAO = 1_000_000_000L;
    public static final int PPM = 1_000_000;

    /** The values of docs/spec/chain.md for a live chain. */
    public static ChainParams live() {
        return new ChainParams(
                500,
                100_000,
                1_000,
                1_000 * RAO_PER_TAO,
                14 * 7_200,
                7_200,
                32,
                7 * 7_200,
                360,
                100,
                64,
                2_000_000,
                180_000,
                216_000,
                180_000,
                64,
                12,
                50_400,
                10_000,
                RAO_PER_TAO,
                500_000,
                100 * RAO_PER_TAO,
                360,
                10,
                4_096);
    }

    /**
     * A development chain: the live rules with limits that let one person try everything within
     * minutes (subnets cost 10 TAO and can be created back to back, epochs every few blocks).
     */
    public static ChainParams dev() {
        return live().withNetworkLimits(10 * RAO_PER_TAO, 1, 10);
    }

    public ChainParams withNetworkLimits(long newMinLock, long newNetworkRateLimit, int newDefaultTempo) {
        return new ChainParams(
                existentialDeposit,
                baseFee,
                perByteFee,
                newMinLock,
                lockReductionInterval,
                newNetworkRateLimit,
                subnetLimit,
                networkImmunityPeriod,
                newDefaultTempo,
                rootTempo,
                defaultMaxAllowedValidators,
                minStake,
                maxTakePpm,
                takeIncreaseRateLimit,
                ownerCutPpm,
                rootSlots,
                senateSize,
                proposalDuration,
                senateMinStakePpm,
                newSubnetBurn,
                defaultMinBurn,
                defaultMaxBurn,
                burnHalfLife,
                maxPendingCommits,
                maxWeightsPerCall);
    }

    public byte[] encode() {
        return ScaleWriter.encode(w -> w.u64(existentialDeposit)
                .u64(baseFee)
                .u64(perByteFee)
                .u64(minLock)
                .u64(lockReductionInterval)
                .u64(networkRateLimit)
                .u32(subnetLimit)
                .u64(networkImmunityPeriod)
                .u32(defaultTempo)
                .u32(rootTempo)
                .u32(defaultMaxAllowedValidators)
                .u64(minStake)
                .u32(maxTakePpm)
                .u64(takeIncreaseRateLimit)
                .u32(ownerCutPpm)
                .u32(rootSlots)
                .u32(senateSize)
                .u64(proposalDuration)
                .u64(senateMinStakePpm)
                .u64(newSubnetBurn)
                .u64(defaultMinBurn)
                .u64(defaultMaxBurn)
                .u32(burnHalfLife)
                .u32(maxPendingCommits)
                .u32(maxWeightsPerCall));
    }

    /** The last encoding decoded, and its parameters (immutable): see {@link #decode}. */
    private record Decoded(byte[] bytes, ChainParams params) {}

    private static volatile Decoded lastDecoded;

    /**
     * Decodes the parameters. Every transaction of a block reads them (fees, limits), and they change
     * only by governance, so the last result is kept and returned again for the same bytes: the same
     * value either way, as a record of numbers is immutable (no clock, no order, nothing to diverge).
     */
    public static ChainParams decode(byte[] bytes) {
        Decoded last = lastDecoded;
        if (last != null && java.util.Arrays.equals(last.bytes, bytes)) {
            return last.params;
        }
        ChainParams p = decodeFresh(bytes);
        lastDecoded = new Decoded(bytes.clone(), p);
        return p;
    }

    private static ChainParams decodeFresh(byte[] bytes) {
        ScaleReader r = new ScaleReader(bytes);
        ChainParams p = new ChainParams(
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                (int) r.readU32(),
                r.readU64(),
                (int) r.readU32(),
                (int) r.readU32(),
                (int) r.readU32(),
                r.readU64(),
                (int) r.readU32(),
                r.readU64(),
                (int) r.readU32(),
                (int) r.readU32(),
                (int) r.readU32(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                r.readU64(),
                (int) r.readU32(),
                (int) r.readU32(),
                (int) r.readU32());
        r.expectEnd();
        return p;
    }

    /**
     * A copy with one governance-controlled global parameter changed (docs/spec/chain.md §6); the caller
     * ({@code Governance.setGlobalParameter}) has validated {@code v}.
     */
    public ChainParams with(org.tao4j.runtime.tx.GlobalParameter g, long v) {
        return new ChainParams(
                existentialDeposit,
                g == org.tao4j.runtime.tx.GlobalParameter.BASE_FEE ? v : baseFee,
                g == org.tao4j.runtime.tx.GlobalParameter.PER_BYTE_FEE ? v : perByteFee,
                g == org.tao4j.runtime.tx.GlobalParameter.MIN_LOCK ? v : minLock,
                lockReductionInterval,
                g == org.tao4j.runtime.tx.GlobalParameter.NETWORK_RATE_LIMIT ? v : networkRateLimit,
                g == org.tao4j.runtime.tx.GlobalParameter.SUBNET_LIMIT ? (int) v : subnetLimit,
                networkImmunityPeriod,
                defaultTempo,
                rootTempo,
                g == org.tao4j.runtime.tx.GlobalParameter.DEFAULT_MAX_ALLOWED_VALIDATORS
                        ? (int) v
                        : defaultMaxAllowedValidators,
                minStake,
                maxTakePpm,
                takeIncreaseRateLimit,
                ownerCutPpm,
                rootSlots,
                senateSize,
                proposalDuration,
                senateMinStakePpm,
                newSubnetBurn,
                defaultMinBurn,
                defaultMaxBurn,
                burnHalfLife,
                maxPendingCommits,
                maxWeightsPerCall);
    }
}
