package org.tao4j.runtime.schema;

import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.tx.Hyperparameter;

/** A subnet's hyperparameters (docs/spec/chain.md §3, docs/spec/yuma.md §2). */
public record Hyperparams(
        int tempo,
        int minAllowedWeights,
        int maxWeightsLimit,
        long weightsVersionKey,
        long weightsSetRateLimit,
        long immunityPeriod,
        long activityCutoff,
        int maxAllowedUids,
        long minBurn,
        long maxBurn,
        boolean registrationAllowed,
        boolean commitRevealEnabled,
        int revealPeriodEpochs,
        int kappa,
        long bondsMovingAverage,
        int bondsPenalty,
        boolean yuma3,
        boolean liquidAlpha,
        int alphaLow,
        int alphaHigh,
        int alphaSigmoidSteepness,
        long servingRateLimit,
        int maxAllowedValidators) {

    /** The defaults of docs/spec/chain.md and the reference chain for a new subnet. */
    public static Hyperparams defaults(ChainParams p) {
        return new Hyperparams(
                p.defaultTempo(),
                1,
                65535,
                0,
                100,
                5_000,
                5_000,
                256,
                p.defaultMinBurn(),
                p.defaultMaxBurn(),
                true,
                false,
                1,
                32767,
                900_000,
                0,
                false,
                false,
                45875,
                58982,
                1000,
                50,
                p.defaultMaxAllowedValidators());
    }

    /** The root network's: 64 slots, root tempo. */
    public static Hyperparams root(ChainParams p) {
        return new Hyperparams(
                p.rootTempo(),
                0,
                65535,
                0,
                p.networkRateLimit(),
                0,
                5_000,
                p.rootSlots(),
                0,
                0,
                true,
                false,
                1,
                32767,
                900_000,
                0,
                false,
                false,
                45875,
                58982,
                1000,
                50,
                p.rootSlots());
    }

    public long get(Hyperparameter h) {
        return switch (h) {
            case MIN_ALLOWED_WEIGHTS -> minAllowedWeights;
            case MAX_WEIGHTS_LIMIT -> maxWeightsLimit;
            case WEIGHTS_VERSION_KEY -> weightsVersionKey;
            case WEIGHTS_SET_RATE_LIMIT -> weightsSetRateLimit;
            case IMMUNITY_PERIOD -> immunityPeriod;
            case ACTIVITY_CUTOFF -> activityCutoff;
            case MAX_ALLOWED_UIDS -> maxAllowedUids;
            case MIN_BURN -> minBurn;
            case MAX_BURN -> maxBurn;
            case REGISTRATION_ALLOWED -> registrationAllowed ? 1 : 0;
            case COMMIT_REVEAL_ENABLED -> commitRevealEnabled ? 1 : 0;
            case REVEAL_PERIOD_EPOCHS -> revealPeriodEpochs;
            case KAPPA -> kappa;
            case BONDS_MOVING_AVERAGE -> bondsMovingAverage;
            case BONDS_PENALTY -> bondsPenalty;
            case YUMA3 -> yuma3 ? 1 : 0;
            case LIQUID_ALPHA -> liquidAlpha ? 1 : 0;
            case ALPHA_LOW -> alphaLow;
            case ALPHA_HIGH -> alphaHigh;
            case ALPHA_SIGMOID_STEEPNESS -> alphaSigmoidSteepness;
            case SERVING_RATE_LIMIT -> servingRateLimit;
            case TEMPO -> tempo;
            case MAX_ALLOWED_VALIDATORS -> maxAllowedValidators;
        };
    }

    /** A copy with one parameter changed; the caller has validated {@code v}. */
    public Hyperparams with(Hyperparameter h, long v) {
        int i = (int) v;
        boolean b = v != 0;
        return new Hyperparams(
                h == Hyperparameter.TEMPO ? i : tempo,
                h == Hyperparameter.MIN_ALLOWED_WEIGHTS ? i : minAllowedWeights,
                h == Hyperparameter.MAX_WEIGHTS_LIMIT ? i : maxWeightsLimit,
                h == Hyperparameter.WEIGHTS_VERSION_KEY ? v : weightsVersionKey,
                h == Hyperparameter.WEIGHTS_SET_RATE_LIMIT ? v : weightsSetRateLimit,
                h == Hyperparameter.IMMUNITY_PERIOD ? v : immunityPeriod,
                h == Hyperparameter.ACTIVITY_CUTOFF ? v : activityCutoff,
                h == Hyperparameter.MAX_ALLOWED_UIDS ? i : maxAllowedUids,
                h == Hyperparameter.MIN_BURN ? v : minBurn,
                h == Hyperparameter.MAX_BURN ? v : maxBurn,
                h == Hyperparameter.REGISTRATION_ALLOWED ? b : registrationAllowed,
                h == Hyperparameter.COMMIT_REVEAL_ENABLED ? b : commitRevealEnabled,
                h == Hyperparameter.REVEAL_PERIOD_EPOCHS ? i : revealPeriodEpochs,
                h == Hyperparameter.KAPPA ? i : kappa,
                h == Hyperparameter.BONDS_MOVING_AVERAGE ? v : bondsMovingAverage,
                h == Hyperparameter.BONDS_PENALTY ? i : bondsPenalty,
                h == Hyperparameter.YUMA3 ? b : yuma3,
                h == Hyperparameter.LIQUID_ALPHA ? b : liquidAlpha,
                h == Hyperparameter.ALPHA_LOW ? i : alphaLow,
                h == Hyperparameter.ALPHA_HIGH ? i : alphaHigh,
                h == Hyperparameter.ALPHA_SIGMOID_STEEPNESS ? i : alphaSigmoidSteepness,
                h == Hyperparameter.SERVING_RATE_LIMIT ? v : servingRateLimit,
                h == Hyperparameter.MAX_ALLOWED_VALIDATORS ? i : maxAllowedValidators);
    }
}
