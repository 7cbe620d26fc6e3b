package org.tao4j.sdk.chain;

import java.net.InetAddress;
import java.util.Set;
import org.tao4j.core.account.AccountId;
import org.tao4j.sdk.metagraph.Metagraph;

/**
 * What a neuron needs from the chain, and nothing more: the seam between the framework
 * ({@code Miner}, {@code Validator}) and whatever holds the chain. {@code MockChain} implements it in
 * memory; an RPC-backed implementation over tao-client is a thin adapter (one method per RPC or
 * transaction below).
 *
 * <p><b>One instance per neuron.</b> Every write is a transaction signed by {@link #hotkey()}; the
 * implementation holds the key. Reads are the same for everyone.
 *
 * <p><b>Blocking.</b> Every method blocks until it has its answer: a write returns once its
 * transaction is in a block (or failed to get there). Neurons call them from their own (virtual)
 * threads, never from a {@link HeadListener}.
 *
 * <p><b>Errors.</b> What the chain refuses is a value ({@link TxResult.Failed} with the runtime's
 * error name and sentence, {@link TxResult.Dropped} when it never reached a block). A read that cannot
 * reach the chain throws {@link ChainUnavailableException}.
 *
 * <p>Implementations are thread-safe.
 */
public interface SubnetChain extends AutoCloseable {

    /** The hotkey this instance signs with. */
    AccountId hotkey();

    /**
     * The subnet's metagraph at the head, with the given columns ({@link Metagraph.Field#HOTKEYS}
     * is always included), read in one round trip so every column is of the same block.
     *
     * @throws IllegalArgumentException when the subnet does not exist
     */
    Metagraph sync(int netuid, Set<Metagraph.Field> fields);

    /** The number of the head block. */
    long currentBlock();

    /**
     * The subnet's hyperparameters that neurons act on, at the head.
     *
     * @throws IllegalArgumentException when the subnet does not exist
     */
    SubnetHyperparameters hyperparameters(int netuid);

    /**
     * Calls {@code listener} with each new head, in increasing order, at most once per block. Blocks
     * may be skipped (after a reconnect, or when the listener is slow), never repeated. The listener
     * runs on the implementation's thread and must return quickly.
     */
    HeadSubscription subscribeHeads(HeadListener listener);

    /**
     * {@code set_weights(netuid, uids, values, version_key)}: values are u16 (0..65535) as
     * submitted; the chain max-upscales them.
     */
    TxResult setWeights(int netuid, int[] uids, int[] values, long versionKey);

    /** {@code commit_weights(netuid, hash)}; the hash is {@code WeightSetting.commitHash(...)}. */
    TxResult commitWeights(int netuid, byte[] hash);

    /** {@code reveal_weights(netuid, uids, values, salt, version_key)}: exactly what was committed. */
    TxResult revealWeights(int netuid, int[] uids, int[] values, byte[] salt, long versionKey);

    /**
     * {@code serve_axon(netuid, ip, port, ip_type, protocol, version)}; the IP type (4 or 6) follows
     * from {@code ip}.
     */
    TxResult serveAxon(int netuid, InetAddress ip, int port, int protocol, long version);

    /**
     * {@code commit(netuid, data)} (docs/spec/chain.md §11), signed by {@link #hotkey()}: publishes up to
     * 1 KiB on the subnet (a model's hash or address), replacing this hotkey's previous commitment;
     * rate-limited by the chain (once per 100 blocks, 10 on a dev chain).
     */
    TxResult commit(int netuid, byte[] data);

    /**
     * Every commitment on the subnet at the head, in one read (cleared ones left out), in hotkey order.
     *
     * @throws IllegalArgumentException when the subnet does not exist
     */
    java.util.List<Commitment> commitments(int netuid);

    /** Releases what this instance holds (subscriptions, connections). Idempotent. */
    @Override
    default void close() {}
}
