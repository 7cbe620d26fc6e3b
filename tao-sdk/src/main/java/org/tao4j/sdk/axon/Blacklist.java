package org.tao4j.sdk.axon;

import java.util.Optional;
import org.tao4j.sdk.NeuronDirectory;

/**
 * Check 5: decides whether an authenticated caller may be served at all. Returns a reason to
 * refuse (sent to the caller in a 403, so it must hold no internals) or empty to serve.
 * Runs on the request path for every request: keep it cheap and thread-safe.
 */
@FunctionalInterface
public interface Blacklist {
    Optional<String> reject(Caller caller, NeuronDirectory directory);

    /** The default: serve only hotkeys registered on the subnet. */
    static Blacklist unregistered() {
        return standard(false, 0L);
    }

    /**
     * Serves registered hotkeys only and, optionally, only those with a validator permit and at
     * least {@code minStakeRao} of stake: what a miner usually wants.
     */
    static Blacklist standard(boolean requireValidatorPermit, long minStakeRao) {
        if (minStakeRao < 0) {
            throw new IllegalArgumentException("minimum stake must be >= 0 rao, got " + minStakeRao);
        }
        return (caller, dir) -> {
            if (!dir.isRegistered(caller.hotkey())) {
                return Optional.of("caller hotkey is not registered on this subnet");
            }
            if (requireValidatorPermit && !dir.hasValidatorPermit(caller.hotkey())) {
                return Optional.of("caller hotkey has no validator permit");
            }
            if (minStakeRao > 0 && dir.stake(caller.hotkey()) < minStakeRao) {
                return Optional.of("caller stake is below this axon's minimum");
            }
            return Optional.empty();
        };
    }

    /** Serves everyone who signs correctly; for tests and open services only. */
    static Blacklist none() {
        return (caller, dir) -> Optional.empty();
    }

    /** Serves only when this and then {@code other} both allow; the first refusal is the reason. */
    default Blacklist andThen(Blacklist other) {
        return (caller, dir) -> {
            Optional<String> r = reject(caller, dir);
            return r.isPresent() ? r : other.reject(caller, dir);
        };
    }
}
