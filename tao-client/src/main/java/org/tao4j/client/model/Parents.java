package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/** {@code tao_getParents}: the hotkeys that lend stake to this one on a subnet, and its stake there. */
public record Parents(AccountId hotkey, int netuid, long subnetStake, List<Parent> parents) {

    public Parents {
        parents = List.copyOf(parents);
    }

    /** One parent, its proportion (u64 decimal string, and ppm) and the rao it lends now (0 without a uid). */
    public record Parent(AccountId parent, String proportion, long proportionPpm, long stake) {}
}
