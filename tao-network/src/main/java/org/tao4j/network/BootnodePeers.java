package org.tao4j.network;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.GenesisBlock;
import org.tao4j.node.sync.SyncPeers;

/**
 * A full node's sync peers from the chain spec's bootnodes: a daemon thread asks each bootnode's Raft
 * server for its RPC URL (a Ratis read-only query) every {@link #REFRESH}; {@link #current()} returns
 * the last answers without blocking. A bootnode of another chain answers nothing (group mismatch).
 */
final class BootnodePeers implements SyncPeers {

    private static final Logger LOG = LoggerFactory.getLogger(BootnodePeers.class);
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final List<ChainSpec.Bootnode> boot;
    private final RaftGroup group;
    private volatile List<URI> peers = List.of();
    private Thread thread;

    BootnodePeers(ChainSpec spec, List<ChainSpec.Bootnode> boot) {
        this.boot = List.copyOf(boot.size() > MAX_PEERS ? boot.subList(0, MAX_PEERS) : boot);
        this.group = RaftGroup.valueOf(
                RatisAuthoring.groupId(GenesisBlock.of(spec).hash()), RatisAuthoring.peers(this.boot));
    }

    @Override
    public synchronized List<URI> current() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("bootnode-peers").start(this::run);
        }
        return peers;
    }

    private void run() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(2, TimeUnit.SECONDS));
        try (RaftClient client = RaftClient.newBuilder()
                .setProperties(p)
                .setRaftGroup(group)
                .setRetryPolicy(RetryPolicies.noRetry())
                .build()) {
            while (true) {
                List<URI> found = new ArrayList<>();
                for (ChainSpec.Bootnode b : boot) {
                    try {
                        RaftClientReply r = client.io()
                                .sendStaleRead(
                                        Message.valueOf(ByteString.copyFrom(new Entry.RpcUrlQuery().encode())),
                                        0,
                                        RatisAuthoring.peerId(b.authority()));
                        if (r.isSuccess()) {
                            found.add(URI.create(r.getMessage().getContent().toStringUtf8()));
                        }
                    } catch (Exception e) {
                        LOG.debug("bootnode {} did not answer: {}", b, e.toString());
                    }
                }
                if (!found.equals(peers)) {
                    LOG.info("sync peers from the bootnodes: {}", found);
                }
                peers = List.copyOf(found);
                Thread.sleep(REFRESH);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("asking the bootnodes for their RPC URLs failed: {}", e.toString());
        }
    }
}
