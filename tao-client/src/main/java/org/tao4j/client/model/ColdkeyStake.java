package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/** {@code tao_getStakeForColdkey}: every hotkey a coldkey stakes on, with the amount (rao), and the total. */
public record ColdkeyStake(AccountId coldkey, List<Entry> stakes, long total, long blockNumber) {

    public ColdkeyStake {
        stakes = List.copyOf(stakes);
    }

    public record Entry(AccountId hotkey, long amount) {}
}
