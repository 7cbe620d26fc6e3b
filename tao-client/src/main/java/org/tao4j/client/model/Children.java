package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/**
 * {@code tao_getChildren}: a hotkey's children on a subnet in effect, its pending list (null when none),
 * its childkey take (ppm) and its stake on the subnet (own − lent to children + lent by parents).
 */
public record Children(
        AccountId hotkey, int netuid, int childkeyTakePpm, long subnetStake, List<Child> children, Pending pending) {

    public Children {
        children = List.copyOf(children);
    }

    /**
     * One child: {@code proportion} is the u64 share of 2^64 − 1 as a decimal string, {@code proportionPpm}
     * the same floored to parts per million, {@code stake} the rao it lends now.
     */
    public record Child(AccountId child, String proportion, long proportionPpm, long stake) {}

    /** A list set but still in its cooldown, and the block it takes effect at. */
    public record Pending(long effectiveBlock, List<Child> children) {
        public Pending {
            children = List.copyOf(children);
        }
    }
}
