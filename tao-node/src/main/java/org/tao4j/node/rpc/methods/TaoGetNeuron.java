package org.tao4j.node.rpc.methods;

import com.fasterxml.jackson.databind.JsonNode;
import org.tao4j.node.rpc.DomainJson;
import org.tao4j.node.rpc.Params;
import org.tao4j.node.rpc.RpcContext;
import org.tao4j.node.rpc.RpcErrors;
import org.tao4j.node.rpc.RpcException;
import org.tao4j.node.rpc.RpcMethod;
import org.tao4j.runtime.schema.ChainState;

/** {@code tao_getNeuron([netuid, uid, at])}: one neuron with its scores, stake, axon, weights and bonds, or null. */
public final class TaoGetNeuron implements RpcMethod {
    @Override
    public String name() {
        return "tao_getNeuron";
    }

    @Override
    public JsonNode execute(RpcContext ctx, Params p) throws RpcException {
        p.expect("netuid", "uid", "at");
        int netuid = p.netuid(0, "netuid");
        int uid = (int) p.uint(1, "uid", 65_535);
        ChainState s = ctx.state(p.optionalHash(2, "at")).state();
        if (!s.subnetExists(netuid)) {
            throw new RpcException(RpcErrors.INVALID_PARAMS, "subnet " + netuid + " does not exist");
        }
        var n = s.neuron(netuid, uid);
        return n == null ? null : DomainJson.neuron(s, netuid, uid, n);
    }
}
