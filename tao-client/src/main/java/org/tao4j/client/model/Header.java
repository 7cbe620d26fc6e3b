package org.tao4j.client.model;

import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;

/**
 * A block header ({@code chain_getHeader}, {@code chain_newHead}).
 *
 * @param timestamp milliseconds since the epoch, from the authoring node's clock
 * @param author the sealing authority
 * @param hash the block hash (Blake2b-256 of the SCALE header)
 */
public record Header(
        H256 parentHash,
        long number,
        H256 stateRoot,
        H256 extrinsicsRoot,
        long timestamp,
        AccountId author,
        H256 hash) {}
