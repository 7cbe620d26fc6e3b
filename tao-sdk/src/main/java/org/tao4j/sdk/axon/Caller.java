package org.tao4j.sdk.axon;

import java.net.SocketAddress;
import org.tao4j.core.account.AccountId;

/**
 * An authenticated caller, as the blacklist and priority hooks see it: its hotkey has already
 * been proven by the request signature, nonce and body hash (checks 2–4).
 *
 * @param synapse the synapse name it called
 * @param remote the TCP peer address (informational: it is not authenticated)
 */
public record Caller(AccountId hotkey, String synapse, SocketAddress remote) {}
