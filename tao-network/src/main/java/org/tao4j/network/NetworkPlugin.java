package org.tao4j.network;

import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.NodePlugin;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.production.BlockAuthoring;

/**
 * Chooses a node's block authoring from its chain spec's bootnodes: a spec (or {@code --bootnodes})
 * that names bootnodes makes its authorities one Raft group ({@link RatisAuthoring}); without
 * bootnodes the node keeps the single-authority production of tao-node.
 */
public final class NetworkPlugin implements NodePlugin {

    /** The default Ratis (p2p) port. */
    public static final int DEFAULT_P2P_PORT = 30333;

    private final Integer p2pPort;
    private final List<ChainSpec.Bootnode> bootnodes;
    private final RatisAuthoring.Timing timing;

    /**
     * @param p2pPort {@code --p2p-port}, or null: the port of this authority's bootnode entry, else {@value #DEFAULT_P2P_PORT}
     * @param bootnodes {@code --bootnodes} (overrides the spec's), or null
     */
    public NetworkPlugin(Integer p2pPort, List<ChainSpec.Bootnode> bootnodes, RatisAuthoring.Timing timing) {
        this.p2pPort = p2pPort;
        this.bootnodes = bootnodes == null ? null : List.copyOf(bootnodes);
        this.timing = timing;
    }

    @Override
    public BlockAuthoring authoring(Context ctx) {
        ChainSpec spec = ctx.chain().spec();
        List<ChainSpec.Bootnode> boot = bootnodes != null ? bootnodes : spec.bootnodes();
        if (boot.isEmpty()) {
            return null; // a single-process chain
        }
        if (ctx.key() == null) {
            return null; // a full node (the sync helper's part)
        }
        AccountId me = AccountId.of(ctx.key().publicKey());
        List<AccountId> set = ctx.chain().headState().authorities();
        if (!set.contains(me)) {
            return null;
        }
        List<ChainSpec.Bootnode> members =
                boot.stream().filter(b -> set.contains(b.authority())).toList();
        for (AccountId a : set) {
            if (members.stream().noneMatch(b -> b.authority().equals(a))) {
                throw new IllegalArgumentException("authority " + a.toSs58()
                        + " has no bootnode entry: every authority needs \"<SS58>@host:port\" in the chain spec's"
                        + " bootnodes (or --bootnodes)");
            }
        }
        int port = p2pPort != null
                ? p2pPort
                : members.stream()
                        .filter(b -> b.authority().equals(me))
                        .findFirst()
                        .map(ChainSpec.Bootnode::port)
                        .orElse(DEFAULT_P2P_PORT);
        ChainSpec.Bootnode mine = members.stream()
                .filter(b -> b.authority().equals(me))
                .findFirst()
                .orElseThrow();
        int rpcPort = ctx.config().rpcPort();
        String url =
                rpcPort > 0 ? "ws://" + (ctx.config().rpcExternal() ? mine.host() : "127.0.0.1") + ":" + rpcPort : null;
        return new RatisAuthoring(
                        ctx.chain(),
                        ctx.pool(),
                        ctx.key(),
                        ctx.blockTime(),
                        ctx.config().maxBlockExtrinsics(),
                        members,
                        port,
                        ctx.basePath().resolve("ratis"),
                        ctx.health(),
                        ctx.metrics(),
                        timing)
                .withRpcUrl(url);
    }

    /**
     * A full node of a chain with bootnodes syncs from them: each bootnode's Raft server is asked (a
     * Ratis read-only query, every {@link BootnodePeers#REFRESH}) for its RPC URL.
     */
    @Override
    public org.tao4j.node.sync.SyncPeers syncPeers(ChainSpec spec) {
        List<ChainSpec.Bootnode> boot = bootnodes != null ? bootnodes : spec.bootnodes();
        if (boot.isEmpty()) {
            return List::of;
        }
        return new BootnodePeers(spec, boot);
    }
}
