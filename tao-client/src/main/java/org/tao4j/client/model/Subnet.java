package org.tao4j.client.model;

import java.math.BigDecimal;
import org.tao4j.core.account.AccountId;
import org.tao4j.runtime.schema.Hyperparams;

/**
 * One subnet of {@code tao_getSubnets} (root is netuid 0).
 *
 * @param lock the TAO locked when it was registered (rao)
 * @param burn the current registration burn (rao)
 * @param n the number of neurons
 * @param emissionValue rao per block in the last block
 * @param emissionShare the share from the root epoch, exact
 * @param lastRegistrationBlock -1 when never
 * @param lastHyperparamBlock -1 when never
 * @param hyperparams every hyperparameter (null if the node sent none)
 * @param name the subnet identity's name (docs/spec/chain.md §12), null when none
 */
public record Subnet(
        int netuid,
        AccountId owner,
        AccountId ownerHotkey,
        long registeredAt,
        long lock,
        long burn,
        int n,
        long pendingEmission,
        long emissionValue,
        BigDecimal emissionShare,
        long lastEpochBlock,
        long lastRegistrationBlock,
        long lastHyperparamBlock,
        Hyperparams hyperparams,
        String name) {}
