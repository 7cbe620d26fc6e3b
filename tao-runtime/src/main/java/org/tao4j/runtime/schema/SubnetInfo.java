package org.tao4j.runtime.schema;

import org.tao4j.core.account.AccountId;

/**
 * A subnet's ownership and running state.
 *
 * @param lock                  rao locked by the owner at registration, refunded if the subnet is dissolved
 * @param burn                  the current registration burn (rao)
 * @param lastHyperparamBlock   when the owner last set a hyperparameter (rate limit), or -1
 * @param lastMechanismStepBlock the block of the last epoch, 0 before the first
 * @param pendingEmission       rao accumulated for the next epoch
 * @param emissionValue         rao per block this subnet received in the last block
 * @param emissionShare         its share of the block emission from the root epoch (I32F32 bits)
 * @param lastRegistrationBlock block of the last neuron registration, or -1
 * @param n                     number of uids in use
 */
public record SubnetInfo(
        int netuid,
        AccountId owner,
        AccountId ownerHotkey,
        long registeredAt,
        long lock,
        long burn,
        long lastHyperparamBlock,
        long lastMechanismStepBlock,
        long pendingEmission,
        long emissionValue,
        long emissionShare,
        long lastRegistrationBlock,
        int n) {

    public SubnetInfo withBurn(long b) {
        return new SubnetInfo(
                netuid,
                owner,
                ownerHotkey,
                registeredAt,
                lock,
                b,
                lastHyperparamBlock,
                lastMechanismStepBlock,
                pendingEmission,
                emissionValue,
                emissionShare,
                lastRegistrationBlock,
                n);
    }

    public SubnetInfo withLastHyperparamBlock(long b) {
        return new SubnetInfo(
                netuid,
                owner,
                ownerHotkey,
                registeredAt,
                lock,
                burn,
                b,
                lastMechanismStepBlock,
                pendingEmission,
                emissionValue,
                emissionShare,
                lastRegistrationBlock,
                n);
    }

    public SubnetInfo withEpochDone(long block) {
        return new SubnetInfo(
                netuid,
                owner,
                ownerHotkey,
                registeredAt,
                lock,
                burn,
                lastHyperparamBlock,
                block,
                0,
                emissionValue,
                emissionShare,
                lastRegistrationBlock,
                n);
    }

    public SubnetInfo withPendingEmission(long p) {
        return new SubnetInfo(
                netuid,
                owner,
                ownerHotkey,
                registeredAt,
                lock,
                burn,
                lastHyperparamBlock,
                lastMechanismStepBlock,
                p,
                emissionValue,
                emissionShare,
                lastRegistrationBlock,
                n);
    }

    public SubnetInfo withEmissionValue(long e) {
        return new SubnetInfo(
                netuid,
                owner,
                ownerHotkey,
                registeredAt,
                lock,
                burn,
                lastHyperparamBlock,
                lastMechanismStepBlock,
                pendingEmission,
                e,
                emissionShare,
                lastRegistrationBlock,
                n);
    }

    public SubnetInfo withEmissionShare(long shareBits) {
        return new SubnetInfo(
                netuid,
                owner,
                ownerHotkey,
                registeredAt,
                lock,
                burn,
                lastHyperparamBlock,
                lastMechanismStepBlock,
                pendingEmission,
                emissionValue,
                shareBits,
                lastRegistrationBlock,
                n);
    }

    public SubnetInfo withRegistration(long block, int newN, long newBurn) {
        return new SubnetInfo(
                netuid,
                owner,
                ownerHotkey,
                registeredAt,
                lock,
                newBurn,
                lastHyperparamBlock,
                lastMechanismStepBlock,
                pendingEmission,
                emissionValue,
                emissionShare,
                block,
                newN);
    }
}
