package org.tao4j.node.chain;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.wallet.KeyDerivation;

/**
 * The well-known development accounts of a {@code --dev} chain: Alice, Bob, Charlie, Dave, Eve
 * and Ferdie.
 *
 * <p>Their keys are Substrate's: the dev phrase with a hard junction, {@code //Alice} etc., derived
 * for ed25519 (tao-wallet {@link KeyDerivation}), so {@code //Alice} typed at the CLI is the account
 * the dev genesis endows (5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu).
 */
public final class DevAccounts {

    /** The dev account names, in the order Substrate lists them. */
    public static final List<String> NAMES = List.of("Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie");

    /** Derivation costs a PBKDF2 of 2048 rounds: derive each dev key once per process. */
    private static final ConcurrentHashMap<String, byte[]> SEEDS = new ConcurrentHashMap<>();

    private DevAccounts() {}

    /** The key pair of a dev account; {@code name} is e.g. "Alice", "alice" or "//Alice". */
    public static Ed25519.KeyPair keyPair(String name) {
        String canonical = canonical(name);
        byte[] seed = SEEDS.computeIfAbsent(
                canonical, n -> KeyDerivation.fromSuri("//" + n).keyPair().seed());
        return Ed25519.KeyPair.fromSeed(seed);
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
