package org.tao4j.node.rpc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tao4j.node.rpc.methods.AuthorPendingExtrinsics;
import org.tao4j.node.rpc.methods.AuthorSubmitAndWatchExtrinsic;
import org.tao4j.node.rpc.methods.AuthorSubmitExtrinsic;
import org.tao4j.node.rpc.methods.AuthorUnwatchExtrinsic;
import org.tao4j.node.rpc.methods.ChainGetBlock;
import org.tao4j.node.rpc.methods.ChainGetBlockHash;
import org.tao4j.node.rpc.methods.ChainGetFinalizedHead;
import org.tao4j.node.rpc.methods.ChainGetHeader;
import org.tao4j.node.rpc.methods.ChainSubscribeNewHeads;
import org.tao4j.node.rpc.methods.ChainUnsubscribeNewHeads;
import org.tao4j.node.rpc.methods.RpcMethodsList;
import org.tao4j.node.rpc.methods.SystemAccountNextIndex;
import org.tao4j.node.rpc.methods.SystemChain;
import org.tao4j.node.rpc.methods.SystemHealth;
import org.tao4j.node.rpc.methods.SystemName;
import org.tao4j.node.rpc.methods.SystemProperties;
import org.tao4j.node.rpc.methods.SystemVersion;
import org.tao4j.node.rpc.methods.TaoFindExtrinsic;
import org.tao4j.node.rpc.methods.TaoGetBalance;
import org.tao4j.node.rpc.methods.TaoGetBlockDetail;
import org.tao4j.node.rpc.methods.TaoGetBlocks;
import org.tao4j.node.rpc.methods.TaoGetChannel;
import org.tao4j.node.rpc.methods.TaoGetChannels;
import org.tao4j.node.rpc.methods.TaoGetChildren;
import org.tao4j.node.rpc.methods.TaoGetColdkeySwap;
import org.tao4j.node.rpc.methods.TaoGetCommitments;
import org.tao4j.node.rpc.methods.TaoGetDelegates;
import org.tao4j.node.rpc.methods.TaoGetEmission;
import org.tao4j.node.rpc.methods.TaoGetEvents;
import org.tao4j.node.rpc.methods.TaoGetFee;
import org.tao4j.node.rpc.methods.TaoGetLockCost;
import org.tao4j.node.rpc.methods.TaoGetMetagraph;
import org.tao4j.node.rpc.methods.TaoGetNeuron;
import org.tao4j.node.rpc.methods.TaoGetParams;
import org.tao4j.node.rpc.methods.TaoGetParents;
import org.tao4j.node.rpc.methods.TaoGetPendingCommits;
import org.tao4j.node.rpc.methods.TaoGetPendingEmission;
import org.tao4j.node.rpc.methods.TaoGetProposals;
import org.tao4j.node.rpc.methods.TaoGetProxies;
import org.tao4j.node.rpc.methods.TaoGetRootWeights;
import org.tao4j.node.rpc.methods.TaoGetStakeForColdkey;
import org.tao4j.node.rpc.methods.TaoGetStakeForHotkey;
import org.tao4j.node.rpc.methods.TaoGetSubnets;
import org.tao4j.node.rpc.methods.TaoGetSupply;

/** The table of JSON-RPC methods, by name. Adding a method = one class + one line here (and docs/rpc.md). */
public final class RpcMethods {

    private final Map<String, RpcMethod> byName = new TreeMap<>();

    /** Every method the node serves. */
    public static RpcMethods standard() {
        RpcMethods t = new RpcMethods();
        for (RpcMethod m : List.of(
                new ChainGetHeader(),
                new ChainGetBlock(),
                new ChainGetBlockHash(),
                new ChainGetFinalizedHead(),
                new ChainSubscribeNewHeads(),
                new ChainUnsubscribeNewHeads(),
                new AuthorSubmitExtrinsic(),
                new AuthorSubmitAndWatchExtrinsic(),
                new AuthorUnwatchExtrinsic(),
                new AuthorPendingExtrinsics(),
                new SystemHealth(),
                new SystemChain(),
                new SystemProperties(),
                new SystemName(),
                new SystemVersion(),
                new SystemAccountNextIndex(),
                new RpcMethodsList(t),
                new TaoGetBalance(),
                new TaoGetStakeForColdkey(),
                new TaoGetStakeForHotkey(),
                new TaoGetSubnets(),
                new TaoGetNeuron(),
                new TaoGetMetagraph(),
                new TaoGetDelegates(),
                new TaoGetRootWeights(),
                new TaoGetProposals(),
                new TaoGetPendingCommits(),
                new TaoGetChildren(),
                new TaoGetParents(),
                new TaoGetEmission(),
                new TaoGetPendingEmission(),
                new TaoGetLockCost(),
                new TaoGetEvents(),
                new TaoGetFee(),
                new TaoGetSupply(),
                new TaoGetParams(),
                new TaoGetProxies(),
                new TaoGetColdkeySwap(),
                new TaoGetCommitments(),
                new TaoGetChannel(),
                new TaoGetChannels(),
                new TaoGetBlocks(),
                new TaoGetBlockDetail(),
                new TaoFindExtrinsic())) {
            t.register(m);
        }
        return t;
    }

    public void register(RpcMethod m) {
        if (byName.putIfAbsent(m.name(), m) != null) {
            throw new IllegalArgumentException("RPC method " + m.name() + " registered twice");
        }
    }

    public RpcMethod get(String name) {
        return byName.get(name);
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
