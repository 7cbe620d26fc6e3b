package org.tao4j.client.model;

/** A served axon: address, port, IP type (4 or 6), protocol, version and the block it was served at. */
public record Axon(String ip, int port, int ipType, int protocol, long version, long block) {}
