package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/**
 * One entry of {@code tao_getDelegates}: a hotkey that holds stake, its owner (or null), take in
 * parts per million, total stake, nominators and the netuids it is registered on.
 */
public record Delegate(
        AccountId hotkey,
        AccountId owner,
        int takePpm,
        long totalStake,
        List<Nominator> nominators,
        List<Integer> registrations) {

    public Delegate {
        nominators = List.copyOf(nominators);
        registrations = List.copyOf(registrations);
    }

    public record Nominator(AccountId coldkey, long amount) {}
}
