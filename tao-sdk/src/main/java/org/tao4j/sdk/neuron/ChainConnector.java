package org.tao4j.sdk.neuron;

import org.tao4j.client.Networks;
import org.tao4j.client.TaoClient;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.chain.RpcSubnetChain;
import org.tao4j.sdk.chain.SubnetChain;

/**
 * How a neuron started from the command line reaches {@code --network}: a {@link TaoClient} over
 * the node's JSON-RPC (reconnecting with backoff), wrapped as the RPC-backed {@link SubnetChain}.
 * In-process orchestrators (the devnet) pass their own {@link SubnetChain} to the builders instead.
 */
final class ChainConnector {
    private ChainConnector() {}

    static SubnetChain connect(NeuronConfig config, Ed25519.KeyPair hotkey) {
        TaoClient client = TaoClient.connect(Networks.resolve(config.network()));
        return new RpcSubnetChain(client, hotkey, config.proxyFor());
    }
}
