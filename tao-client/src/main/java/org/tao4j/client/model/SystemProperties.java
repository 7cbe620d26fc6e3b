package org.tao4j.client.model;

import org.tao4j.core.crypto.H256;

/** {@code system_properties}: token symbol and decimals, SS58 prefix, genesis hash, and whether the chain is live. */
public record SystemProperties(String tokenSymbol, int tokenDecimals, int ss58Format, H256 genesisHash, boolean live) {}
