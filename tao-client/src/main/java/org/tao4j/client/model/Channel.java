package org.tao4j.client.model;

import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;

/**
 * {@code tao_getChannel}: a payment channel (docs/spec/chain.md §12). Amounts in rao; {@code gatewayColdkey} is
 * null when the gateway hotkey has no owner. The gateway may claim through {@code claimDeadline}; the client
 * may close after it.
 */
public record Channel(
        H256 id,
        AccountId client,
        AccountId gateway,
        AccountId gatewayColdkey,
        int netuid,
        long deposit,
        long claimed,
        long expiresAt,
        long claimDeadline,
        boolean closed) {

    /** What the channel still holds: {@code deposit - claimed} while open, 0 once closed. */
    public long remaining() {
        return closed ? 0 : deposit - claimed;
    }
}
