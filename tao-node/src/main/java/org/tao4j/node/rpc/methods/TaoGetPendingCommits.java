package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Hex;
import org.tao4j.node.rpc.Json;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.neurons.WeightSetting;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.ChainState.Pair;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.schema.WeightCommit;

/**
 * {@code tao_getPendingCommits(netuid, [hotkey], [at])}: the weight commits waiting for their reveal
 * on a subnet, per hotkey (or for one hotkey): each commit's hash, the block it was made in, its
 * epoch under the subnet's current tempo, and the one epoch in which it may be revealed
 * ({@code epoch + reveal_period_epochs}) with that epoch's first and last block, and whether that
 * epoch has passed ({@code expired}: the chain drops it at the hotkey's next commit or reveal).
 */
public final class TaoGetPendingCommits implements RpcMethod {
    @Override
    public String name() {
        return "tao_getPendingCommits";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("netuid", "hotkey", "at");
        int netuid = p.netuid(0, "netuid");
        AccountId hotkey = p.get(1, "hotkey") == null ? null : p.account(1, "hotkey");
        ChainState s = ctx.state(p.optionalHash(2, "at")).state();
        if (!s.subnetExists(netuid)) {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "subnet " + netuid + " does not exist");
        }
        Hyperparams h = s.hyperparams(netuid);
        ObjectNode out = Json.object();
        out.put("netuid", netuid);
        out.put("commitRevealEnabled", h.commitRevealEnabled());
        out.put("revealPeriodEpochs", h.revealPeriodEpochs());
        ArrayNode list = out.putArray("hotkeys");
        if (hotkey != null) {
            add(list, netuid, hotkey, s.commits(netuid, hotkey), h, s.blockNumber());
        } else {
            for (Pair<AccountId, List<WeightCommit>> e : s.allCommits(netuid)) {
                add(list, netuid, e.first(), e.second(), h, s.blockNumber());
            }
        }
        return out;
    }

    private static void add(
            ArrayNode list, int netuid, AccountId hotkey, List<WeightCommit> commits, Hyperparams h, long block) {
        long currentEpoch = WeightSetting.epochIndex(block, netuid, h.tempo());
        if (commits.isEmpty()) {
            return;
        }
        ObjectNode o = list.addObject();
        o.put("hotkey", hotkey.toSs58());
        ArrayNode cs = o.putArray("commits");
        for (WeightCommit c : commits) {
            long epoch = WeightSetting.commitEpoch(c, netuid, h);
            long reveal = epoch + h.revealPeriodEpochs();
            cs.addObject()
                    .put("hash", Hex.toHex(c.hash()))
                    .put("block", c.block())
                    .put("epoch", epoch)
                    .put("revealEpoch", reveal)
                    .put("revealFromBlock", WeightSetting.firstBlockOfEpoch(reveal, netuid, h.tempo()))
                    .put("revealUntilBlock", WeightSetting.firstBlockOfEpoch(reveal + 1, netuid, h.tempo()) - 1)
                    .put("expired", WeightSetting.isExpired(c, currentEpoch, netuid, h));
        }
    }
}
