package org.tao4j.client.model;

import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;

/**
 * {@code tao_getBalance}: free balance (rao), the state nonce (not counting pool transactions; see
 * {@code TaoClient.nextNonce}), the total staked, and the block whose state was read.
 */
public record Balance(AccountId address, long free, long nonce, long staked, H256 block, long blockNumber) {}
