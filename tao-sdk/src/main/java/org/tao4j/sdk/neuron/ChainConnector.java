package org.tao4j.sdk.neuron;

import org.tao4j.core.crypto.Ed25519;
import org.tao4j.sdk.chain.SubnetChain;

/**
 * How a neuron started from the command line reaches {@code --network}. The RPC-backed
 * {@link SubnetChain} over tao-client plugs in here; until it does, only {@code --mock} runs from the
 * command line (in-process orchestrators pass their own {@link SubnetChain} to the builders).
 */
final class ChainConnector {
    private ChainConnector() {}

    static SubnetChain connect(NeuronConfig config, Ed25519.KeyPair hotkey) {
        throw new UnsupportedOperationException("connecting to " + config.network()
                + " needs the RPC-backed SubnetChain (tao-client), which is not wired in yet; use --mock,"
                + " or start the neuron in-process with a SubnetChain of your own");
    }
}
