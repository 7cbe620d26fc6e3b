package org.tao4j.client.model;

import org.tao4j.core.crypto.H256;

/** Where a transaction was included: the block and its position in it. */
public record TxLocation(H256 block, long blockNumber, int index) {}
