package org.tao4j.node.chain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;

/**
 * The well-known development accounts of a {@code --dev} chain: Alice, Bob, Charlie, Dave, Eve
 * and Ferdie.
 *
 * <p>For now their keys are deterministic test keys, {@code seed = Blake2b-256("tao4j-dev//" + name)}.
 * The wallet work will replace this with Substrate's {@code //Alice} hard derivation so that the
 * addresses match the ones Substrate users know; this class is the only place that changes.
 */
public final class DevAccounts {

    /** The dev account names, in the order Substrate lists them. */
    public static final List<String> NAMES = List.of("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie");

    private DevAccounts() {
    }

    /** The key pair of a dev account; {@code name} is e.g. "Alice", "alice" or "//Alice". */
    public static Ed25519.KeyPair keyPair(String name) {
        String canonical = canonical(name);
        return Ed25519.KeyPair.fromSeed(Blake2b.hash256(("tao4j-dev//" + canonical).getBytes(StandardCharsets.UTF_8)));
    }

    public static AccountId account(String name) {
        return AccountId.of(keyPair(name).publicKey());
    }

    /** True for a dev account name in any of the accepted spellings. */
    public static boolean isDevName(String name) {
        try {
            canonical(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String canonical(String name) {
        String n = name.startsWith("//") ? name.substring(2) : name;
        for (String known : NAMES) {
            if (known.toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT))) {
                return known;
            }
        }
        throw new IllegalArgumentException("unknown dev account '" + name + "'; known: " + NAMES);
    }
}
