package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.production.ConsensusStatus;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;

/**
 * {@code tao_consensusStatus()}: {@code {"role":"leader"|"follower"|"full","leader":SS58|null,"term":N,
 * "best":N,"finalized":N,"peers":[{"id","address","reachable","matchIndex"}]}} (docs/network.md).
 */
public final class TaoConsensusStatus implements RpcMethod {
    @Override
    public String name() {
        return "tao_consensusStatus";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect();
        ConsensusStatus s = ctx.services().authoring().consensusStatus();
        var store = ctx.services().chain().store();
        var o = Json.object().put("role", s.role());
        if (s.leader() == null) {
            o.putNull("leader");
        } else {
            o.put("leader", s.leader().toSs58());
        }
        o.put("term", s.term());
        o.put("best", store.head().number());
        o.put("finalized", store.finalized().number());
        var peers = o.putArray("peers");
        for (ConsensusStatus.Peer peer : s.peers()) {
            peers.addObject()
                    .put("id", peer.id())
                    .put("address", peer.address())
                    .put("reachable", peer.reachable())
                    .put("matchIndex", peer.matchIndex());
        }
        return o;
    }
}
