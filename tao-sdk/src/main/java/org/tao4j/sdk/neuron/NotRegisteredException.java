package org.tao4j.sdk.neuron;

import org.tao4j.core.account.AccountId;

/**
 * A neuron was started with a hotkey that holds no uid on its subnet. The framework never
 * registers on its own (registration burns TAO): register first, e.g. {@code tao subnet register}.
 */
public final class NotRegisteredException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public NotRegisteredException(AccountId hotkey, int netuid) {
        super("hotkey " + hotkey.toSs58() + " is not registered on subnet " + netuid
                + "; register it first (the framework never registers on its own)");
    }
}
