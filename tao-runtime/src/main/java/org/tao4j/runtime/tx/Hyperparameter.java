package org.tao4j.runtime.tx;

/**
 * Subnet hyperparameters by stable wire id (docs/spec/chain.md §3). {@link #ownerSettable()} is true for the
 * ones the owner may set; the others change only through governance or sudo.
 */
public enum Hyperparameter {
    MIN_ALLOWED_WEIGHTS(0, true),
    MAX_WEIGHTS_LIMIT(1, true),
    WEIGHTS_VERSION_KEY(2, true),
    WEIGHTS_SET_RATE_LIMIT(3, true),
    IMMUNITY_PERIOD(4, true),
    ACTIVITY_CUTOFF(5, true),
    MAX_ALLOWED_UIDS(6, true),
    MIN_BURN(7, true),
    MAX_BURN(8, true),
    REGISTRATION_ALLOWED(9, true),
    COMMIT_REVEAL_ENABLED(10, true),
    REVEAL_PERIOD_EPOCHS(11, true),
    KAPPA(12, true),
    BONDS_MOVING_AVERAGE(13, true),
    BONDS_PENALTY(14, true),
    YUMA3(15, true),
    LIQUID_ALPHA(16, true),
    ALPHA_LOW(17, true),
    ALPHA_HIGH(18, true),
    ALPHA_SIGMOID_STEEPNESS(19, true),
    SERVING_RATE_LIMIT(20, true),
    TEMPO(21, false),
    MAX_ALLOWED_VALIDATORS(22, false);

    private final int id;
    private final boolean ownerSettable;

    Hyperparameter(int id, boolean ownerSettable) {
        this.id = id;
        this.ownerSettable = ownerSettable;
    }

    public int id() {
        return id;
    }

    public boolean ownerSettable() {
        return ownerSettable;
    }

    /** The snake_case name users type, e.g. {@code max_weights_limit}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Hyperparameter byId(int id) {
        for (Hyperparameter h : values()) {
            if (h.id == id) {
                return h;
            }
        }
        return null;
    }

    public static Hyperparameter byName(String name) {
        for (Hyperparameter h : values()) {
            if (h.wireName().equals(name)) {
                return h;
            }
        }
        return null;
    }
}
