package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/**
 * {@code tao_getStakeForHotkey}: the hotkey's owner coldkey (null when it has none), its take in parts
 * per million, its total stake and every staker.
 */
public record HotkeyStake(
        AccountId hotkey, AccountId owner, int takePpm, long total, List<Staker> stakers, long blockNumber) {

    public HotkeyStake {
        stakers = List.copyOf(stakers);
    }

    public record Staker(AccountId coldkey, long amount) {}
}
