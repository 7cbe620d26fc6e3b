package org.tao4j.client.model;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** The columns of {@code tao_getMetagraph}; {@link #wireName()} is the name on the wire. */
public enum MetagraphField {
    HOTKEYS("hotkeys"),
    COLDKEYS("coldkeys"),
    STAKE("stake"),
    CONSENSUS("consensus"),
    INCENTIVE("incentive"),
    DIVIDENDS("dividends"),
    VALIDATOR_TRUST("validatorTrust"),
    EMISSION("emission"),
    VALIDATOR_PERMIT("validatorPermit"),
    ACTIVE("active"),
    LAST_UPDATE("lastUpdate"),
    REGISTERED_AT("registeredAt"),
    AXONS("axons"),
    WEIGHTS("weights"),
    BONDS("bonds"),
    /** The owner coldkey's identity name (docs/spec/chain.md §12), null entries when none. */
    NAMES("names");

    private final String wireName;

    MetagraphField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Every column. */
    public static Set<MetagraphField> all() {
        return EnumSet.allOf(MetagraphField.class);
    }

    /** The field with this wire name (e.g. "validatorTrust"). */
    public static MetagraphField fromWireName(String name) {
        for (MetagraphField f : values()) {
            if (f.wireName.equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown metagraph field '" + name + "'; fields: "
                + all().stream().map(MetagraphField::wireName).collect(Collectors.joining(", ")));
    }

    /** The {@code fields} parameter: wire names, comma-separated, in declaration order. */
    public static String param(Set<MetagraphField> fields) {
        return EnumSet.copyOf(fields).stream().map(MetagraphField::wireName).collect(Collectors.joining(","));
    }
}
