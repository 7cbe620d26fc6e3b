package org.tao4j.runtime.tx;

/** Global parameters governance may change (docs/spec/chain.md §6), by stable wire id. */
public enum GlobalParameter {
    SUBNET_LIMIT(0),
    MIN_LOCK(1),
    BASE_FEE(2),
    PER_BYTE_FEE(3),
    NETWORK_RATE_LIMIT(4),
    DEFAULT_MAX_ALLOWED_VALIDATORS(5),
    /** Blocks after a payment channel's expiry during which its gateway may still claim (§12). */
    CLAIM_GRACE(6);

    private final int id;

    GlobalParameter(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public static GlobalParameter byId(int id) {
        for (GlobalParameter g : values()) {
            if (g.id == id) {
                return g;
            }
        }
        return null;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
