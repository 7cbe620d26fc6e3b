package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/** {@code tao_getPendingCommits}: a subnet's weight commits waiting for their reveal, per hotkey. */
public record PendingCommits(
        int netuid, boolean commitRevealEnabled, int revealPeriodEpochs, List<HotkeyCommits> hotkeys) {

    public PendingCommits {
        hotkeys = List.copyOf(hotkeys);
    }

    /** One hotkey's pending commits, oldest first. */
    public record HotkeyCommits(AccountId hotkey, List<Commit> commits) {
        public HotkeyCommits {
            commits = List.copyOf(commits);
        }
    }

    /**
     * One commit: its hash (0x-hex), the block and epoch it was made in, the epoch (with its first
     * and last block) in which it may be revealed, and whether that epoch has passed.
     */
    public record Commit(
            String hash,
            long block,
            long epoch,
            long revealEpoch,
            long revealFromBlock,
            long revealUntilBlock,
            boolean expired) {}
}
