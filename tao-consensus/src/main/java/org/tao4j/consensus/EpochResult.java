package org.tao4j.consensus;

import java.util.List;

/**
 * The result of one epoch. Besides the per-uid record, the raw I32F32 bits of the main vectors
 * are kept for tests and for callers that need more precision than u16.
 */
public record EpochResult(
        List<NeuronResult> neurons,
        long[] stakeBits,
        long[] activeStakeBits,
        long[] consensusBits,
        long[] incentiveBits,
        long[] dividendsBits,
        long[] validatorTrustBits) {

    public EpochResult {
        neurons = List.copyOf(neurons);
    }

    public NeuronResult neuron(int uid) {
        return neurons.get(uid);
    }

    /** Total rao handed out (server + validator amounts). */
    public long totalDistributed() {
        long s = 0;
        for (NeuronResult r : neurons) {
            s += r.serverEmission() + r.validatorEmission();
        }
        return s;
    }
}
