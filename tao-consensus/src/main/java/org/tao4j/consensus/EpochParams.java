package org.tao4j.consensus;

/**
 * The subnet's hyperparameters that the epoch reads (docs/spec/yuma.md §2).
 *
 * @param tempo                  blocks between epochs
 * @param activityCutoff         blocks after which a neuron that has not set weights is inactive
 * @param kappa                  consensus majority, u16 proportion
 * @param bondsPenalty           u16 proportion; 0 = bonds from raw weights, 65535 = from clipped
 * @param bondsMovingAverage     millionths; the EMA keeps this share of the old bonds
 * @param maxAllowedValidators   how many uids may hold a validator permit
 * @param yuma3                  the Yuma 3 bond model instead of Yuma 2
 * @param liquidAlpha            per-bond EMA factor (Yuma 3 only)
 * @param alphaLow               u16 proportion
 * @param alphaHigh              u16 proportion
 * @param alphaSigmoidSteepness  i16
 * @param stakeThreshold         rao; smaller stakes count as 0 (except the owner's)
 * @param ownerUid               the owner's uid, or -1 when the subnet has none
 * @param commitRevealEnabled    apply the commit-reveal column mask
 */
public record EpochParams(
        long tempo,
        long activityCutoff,
        int kappa,
        int bondsPenalty,
        long bondsMovingAverage,
        int maxAllowedValidators,
        boolean yuma3,
        boolean liquidAlpha,
        int alphaLow,
        int alphaHigh,
        int alphaSigmoidSteepness,
        long stakeThreshold,
        int ownerUid,
        boolean commitRevealEnabled) {

    public EpochParams {
        requireU16("kappa", kappa);
        requireU16("bonds_penalty", bondsPenalty);
        requireU16("alpha_low", alphaLow);
        requireU16("alpha_high", alphaHigh);
        // activityCutoff, bondsMovingAverage and stakeThreshold are u64 values held as raw long bits
        if (tempo < 0) {
            throw new IllegalArgumentException("tempo must be >= 0");
        }
        if (maxAllowedValidators < 0 || maxAllowedValidators > 0xFFFF) {
            throw new IllegalArgumentException("max_allowed_validators must be a u16, got " + maxAllowedValidators);
        }
        if (alphaSigmoidSteepness < Short.MIN_VALUE || alphaSigmoidSteepness > Short.MAX_VALUE) {
            throw new IllegalArgumentException("alpha_sigmoid_steepness must be an i16, got " + alphaSigmoidSteepness);
        }
        if (ownerUid < -1 || ownerUid > 0xFFFF) {
            throw new IllegalArgumentException("owner uid must be -1 (none) or a u16, got " + ownerUid);
        }
    }

    private static void requireU16(String name, int v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be a u16 (0..65535), got " + v);
        }
    }

    /** The scenario defaults of docs/spec/yuma-scenario.md for everything but tempo and activity cutoff. */
    public static EpochParams defaults(long tempo, long activityCutoff) {
        return new EpochParams(
                tempo, activityCutoff, 32767, 65535, 900_000, 8, false, false, 45875, 58982, 1000, 0, -1, false);
    }
}
