package org.tao4j.sdk.chain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tao4j.client.TaoClient;
import org.tao4j.client.TaoClientException;
import org.tao4j.client.TxOutcome;
import org.tao4j.client.model.Axon;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Subnet;
import org.tao4j.client.model.WeightEntry;
import org.tao4j.consensus.SparseRow;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.runtime.schema.Hyperparams;
import org.tao4j.runtime.tx.Call;
import org.tao4j.sdk.metagraph.AxonInfo;
import org.tao4j.sdk.metagraph.Metagraph;

/**
 * The framework's {@link SubnetChain} seam over a real node's JSON-RPC ({@link TaoClient}): reads are
 * {@code tao_getMetagraph} / {@code tao_getSubnets} / {@code chain_getHeader}, heads come from
 * {@code chain_subscribeNewHeads}, and every write is a transaction signed by this neuron's hotkey
 * and watched until it is in a block. The client may be shared by many neurons; closing this
 * adapter closes only its own subscriptions.
 *
 * <p><b>Proxy mode</b> ({@code --proxy-for REAL}, docs/keys-and-proxies.md): the key is a delegate
 * holding a {@code Weights} (or {@code Any}) proxy of the registered hotkey REAL. Every write is
 * {@code proxy(REAL, call)} signed and paid by the delegate, so the chain applies it as REAL's; and
 * {@link #hotkey()} is REAL, so the neuron finds REAL's uid and permit.
 */
public final class RpcSubnetChain implements SubnetChain {
    private static final Duration TX_TIMEOUT = Duration.ofSeconds(60);

    private final TaoClient client;
    private final Ed25519.KeyPair key;
    private final AccountId hotkey;
    private final AccountId proxyFor;
    private final List<HeadSubscription> subscriptions = new ArrayList<>();

    public RpcSubnetChain(TaoClient client, Ed25519.KeyPair key) {
        this(client, key, null);
    }

    /**
     * @param proxyFor the registered hotkey this key acts for through a proxy, or null to act as
     *     the key itself
     */
    public RpcSubnetChain(TaoClient client, Ed25519.KeyPair key, AccountId proxyFor) {
        this.client = Objects.requireNonNull(client, "client");
        this.key = Objects.requireNonNull(key, "key");
        AccountId own = AccountId.of(key.publicKey());
        if (own.equals(proxyFor)) {
            throw new IllegalArgumentException("--proxy-for " + proxyFor + " is the signing key itself");
        }
        this.proxyFor = proxyFor;
        this.hotkey = proxyFor != null ? proxyFor : own;
    }

    /** The account whose proxy this instance is, or null. */
    public AccountId proxyFor() {
        return proxyFor;
    }

    @Override
    public AccountId hotkey() {
        return hotkey;
    }

    @Override
    public Metagraph sync(int netuid, Set<Metagraph.Field> fields) {
        EnumSet<MetagraphField> wire = EnumSet.of(MetagraphField.HOTKEYS);
        for (Metagraph.Field f : fields) {
            wire.add(MetagraphField.valueOf(f.name()));
        }
        MetagraphView v;
        try {
            if (client.subnet(netuid).isEmpty()) {
                throw new IllegalArgumentException("subnet " + netuid + " does not exist");
            }
            v = client.metagraph(netuid, wire);
        } catch (TaoClientException e) {
            throw new ChainUnavailableException(e.getMessage(), e);
        }
        return toMetagraph(v);
    }

    /** The SDK's metagraph of a client's view (columns the view does not hold stay absent). */
    public static Metagraph toMetagraph(MetagraphView v) {
        Metagraph.Builder b =
                Metagraph.builder(v.netuid(), v.blockNumber(), v.n()).hotkeys(v.hotkeys());
        if (v.coldkeys() != null) {
            b.coldkeys(v.coldkeys());
        }
        if (v.stake() != null) {
            b.stake(v.stake());
        }
        if (v.consensus() != null) {
            b.consensus(v.consensus());
        }
        if (v.incentive() != null) {
            b.incentive(v.incentive());
        }
        if (v.dividends() != null) {
            b.dividends(v.dividends());
        }
        if (v.validatorTrust() != null) {
            b.validatorTrust(v.validatorTrust());
        }
        if (v.emission() != null) {
            b.emission(v.emission());
        }
        if (v.active() != null) {
            b.active(v.active());
        }
        if (v.lastUpdate() != null) {
            b.lastUpdate(v.lastUpdate());
        }
        if (v.registeredAt() != null) {
            b.registeredAt(v.registeredAt());
        }
        if (v.validatorPermit() != null) {
            b.validatorPermit(v.validatorPermit());
        }
        if (v.axons() != null) {
            List<AxonInfo> axons = new ArrayList<>(v.n());
            for (Axon a : v.axons()) {
                axons.add(
                        a == null
                                ? new AxonInfo("0.0.0.0", 0, 4, 0, 0, 0)
                                : new AxonInfo(a.ip(), a.port(), a.ipType(), a.protocol(), a.version(), a.block()));
            }
            b.axons(axons);
        }
        if (v.weights() != null) {
            b.weights(rows(v.weights()));
        }
        if (v.bonds() != null) {
            b.bonds(rows(v.bonds()));
        }
        return b.build();
    }

    private static List<SparseRow> rows(List<List<WeightEntry>> m) {
        List<SparseRow> out = new ArrayList<>(m.size());
        for (List<WeightEntry> row : m) {
            if (row == null || row.isEmpty()) {
                out.add(SparseRow.EMPTY);
                continue;
            }
            int[] d = new int[row.size()];
            int[] w = new int[row.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = row.get(i).uid();
                w[i] = row.get(i).value();
            }
            out.add(SparseRow.of(d, w));
        }
        return out;
    }

    @Override
    public long currentBlock() {
        try {
            return client.head().number();
        } catch (TaoClientException e) {
            throw new ChainUnavailableException(e.getMessage(), e);
        }
    }

    @Override
    public SubnetHyperparameters hyperparameters(int netuid) {
        Subnet sn;
        try {
            sn = client.subnet(netuid)
                    .orElseThrow(() -> new IllegalArgumentException("subnet " + netuid + " does not exist"));
        } catch (TaoClientException e) {
            throw new ChainUnavailableException(e.getMessage(), e);
        }
        Hyperparams h = sn.hyperparams();
        return new SubnetHyperparameters(
                netuid,
                h.tempo(),
                h.commitRevealEnabled(),
                h.revealPeriodEpochs(),
                h.weightsSetRateLimit(),
                h.minAllowedWeights(),
                h.maxWeightsLimit(),
                h.weightsVersionKey());
    }

    @Override
    public HeadSubscription subscribeHeads(HeadListener listener) {
        long[] last = {-1};
        org.tao4j.client.Subscription sub = client.subscribeNewHeads(h -> {
            synchronized (last) {
                if (h.number() <= last[0]) {
                    return;
                }
                last[0] = h.number();
            }
            listener.onHead(h.number());
        });
        HeadSubscription hs = sub::close;
        synchronized (subscriptions) {
            subscriptions.add(hs);
        }
        return hs;
    }

    @Override
    public TxResult setWeights(int netuid, int[] uids, int[] values, long versionKey) {
        return submit(new Call.SetWeights(netuid, uids, values, versionKey));
    }

    @Override
    public TxResult commitWeights(int netuid, byte[] hash) {
        return submit(new Call.CommitWeights(netuid, hash));
    }

    @Override
    public TxResult revealWeights(int netuid, int[] uids, int[] values, byte[] salt, long versionKey) {
        return submit(new Call.RevealWeights(netuid, uids, values, salt, versionKey));
    }

    @Override
    public TxResult serveAxon(int netuid, InetAddress ip, int port, int protocol, long version) {
        return submit(new Call.ServeAxon(
                netuid, ip.getAddress(), port, ip instanceof Inet6Address ? 6 : 4, protocol, version));
    }

    @Override
    public TxResult commit(int netuid, byte[] data) {
        return submit(new Call.Commit(netuid, data));
    }

    @Override
    public List<Commitment> commitments(int netuid) {
        org.tao4j.client.model.Commitments cs;
        try {
            if (client.subnet(netuid).isEmpty()) {
                throw new IllegalArgumentException("subnet " + netuid + " does not exist");
            }
            cs = client.commitments(netuid, null);
        } catch (TaoClientException e) {
            throw new ChainUnavailableException(e.getMessage(), e);
        }
        List<Commitment> out = new ArrayList<>(cs.commitments().size());
        for (var e : cs.commitments()) {
            out.add(new Commitment(e.uid(), e.hotkey(), e.block(), org.tao4j.core.crypto.Hex.fromHex(e.data())));
        }
        return out;
    }

    /**
     * Signs {@code call} with this instance's key, submits it and waits until it is in a block; in
     * proxy mode the call is wrapped in {@code proxy(REAL, call)}.
     */
    public TxResult submit(Call call) {
        return submit(client, key, proxyFor == null ? call : new Call.Proxy(proxyFor, call));
    }

    /** Signs {@code call} with {@code signer}, submits it and waits until it is in a block. */
    public static TxResult submit(TaoClient client, Ed25519.KeyPair signer, Call call) {
        try {
            TxOutcome o = client.tx(signer, call).submitAndWatch().await(TX_TIMEOUT);
            return switch (o) {
                case TxOutcome.Finalized f when f.success() -> new TxResult.Included(f.blockNumber());
                case TxOutcome.Finalized f ->
                    new TxResult.Failed(
                            f.blockNumber(), f.error() == null ? "ExtrinsicFailed" : f.error(), f.errorMessage());
                case TxOutcome.Dropped d -> new TxResult.Dropped(d.reason());
            };
        } catch (TaoClientException e) {
            return new TxResult.Dropped(e.getMessage());
        }
    }

    @Override
    public void close() {
        synchronized (subscriptions) {
            for (HeadSubscription s : subscriptions) {
                try {
                    s.close();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
            subscriptions.clear();
        }
    }
}
