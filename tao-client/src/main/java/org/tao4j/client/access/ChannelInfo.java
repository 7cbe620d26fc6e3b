package org.tao4j.client.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.tao4j.client.TaoClient;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;

/**
 * A payment channel as {@code tao_getChannel} returns it (docs/rpc.md), read at the head.
 *
 * @param deposit rao locked in all (the opening deposit plus top-ups)
 * @param claimed rao already paid to the gateway's coldkey
 * @param expiresAt the last block at which vouchers are worth serving; claims are accepted until
 *     {@code claimDeadline}, and the client may close after it
 */
public record ChannelInfo(
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

    /** The channel at the head, or empty if the chain does not know it. */
    public static Optional<ChannelInfo> fetch(TaoClient client, H256 id) {
        JsonNode n = client.call("tao_getChannel", id.toHex());
        return n == null || n.isNull() || n.isMissingNode() ? Optional.empty() : Optional.of(parse(n));
    }

    public static ChannelInfo parse(JsonNode n) {
        return new ChannelInfo(
                H256.fromHex(n.path("id").asText()),
                account(n.path("client")),
                account(n.path("gateway")),
                n.hasNonNull("gatewayColdkey") ? account(n.path("gatewayColdkey")) : null,
                n.path("netuid").asInt(),
                n.path("deposit").asLong(),
                n.path("claimed").asLong(),
                n.path("expiresAt").asLong(),
                n.path("claimDeadline").asLong(),
                n.path("closed").asBoolean());
    }

    /** The RPC writes accounts as SS58; hex is accepted too. */
    static AccountId account(JsonNode n) {
        String s = n.asText();
        return s.startsWith("0x") ? AccountId.fromHex(s) : AccountId.fromSs58(s);
    }

    /** What the client may still spend: the deposit less the claimed part. */
    public long unclaimed() {
        return deposit - claimed;
    }
}
