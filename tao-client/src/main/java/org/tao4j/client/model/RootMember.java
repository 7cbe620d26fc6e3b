package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/**
 * One root-network member of {@code tao_getRootWeights}: uid, hotkey, stake, and its weights over
 * subnets ({@link WeightEntry#uid()} is the netuid here).
 */
public record RootMember(int uid, AccountId hotkey, long stake, List<WeightEntry> weights) {

    public RootMember {
        weights = List.copyOf(weights);
    }
}
