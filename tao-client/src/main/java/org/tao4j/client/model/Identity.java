package org.tao4j.client.model;

/**
 * An on-chain identity (docs/spec/chain.md §12) as {@code tao_getIdentity} and
 * {@code tao_getSubnetIdentity} return it: six one-line texts, empty when not given.
 */
public record Identity(String name, String url, String github, String image, String discord, String description) {}
