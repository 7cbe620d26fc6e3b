package org.tao4j.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.tao4j.client.model.Balance;
import org.tao4j.client.model.BlockEvents;
import org.tao4j.client.model.ChainEvent;
import org.tao4j.client.model.ColdkeyStake;
import org.tao4j.client.model.Delegate;
import org.tao4j.client.model.Emission;
import org.tao4j.client.model.FeeInfo;
import org.tao4j.client.model.Header;
import org.tao4j.client.model.Health;
import org.tao4j.client.model.HotkeyStake;
import org.tao4j.client.model.LockCost;
import org.tao4j.client.model.MetagraphField;
import org.tao4j.client.model.MetagraphView;
import org.tao4j.client.model.Neuron;
import org.tao4j.client.model.PendingCommits;
import org.tao4j.client.model.PendingEmission;
import org.tao4j.client.model.Proposals;
import org.tao4j.client.model.RootMember;
import org.tao4j.client.model.SignedBlock;
import org.tao4j.client.model.Subnet;
import org.tao4j.client.model.Supply;
import org.tao4j.client.model.SystemProperties;
import org.tao4j.client.model.TxLocation;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.crypto.Hex;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A typed client of a tao node's JSON-RPC API (docs/rpc.md).
 *
 * <pre>{@code
 * try (TaoClient client = TaoClient.connect(Networks.resolve("dev"))) {
 *     long free = client.balance(alice).free();
 *     TxOutcome o = client.tx(aliceKey, new Call.Transfer(bob, 1_000_000_000L)).submitAndWatch().await();
 * }
 * }</pre>
 *
 * <p><b>Transports.</b> With a {@code ws://}/{@code wss://} URL every call and subscription uses one
 * WebSocket that reconnects with backoff and resubscribes after a drop ({@link ClientOptions}). With
 * {@code http://}/{@code https://} plain calls are HTTP POSTs, and the first subscription opens a
 * WebSocket to the same host and port ({@link Networks#toWebSocket}).
 *
 * <p><b>Errors.</b> Every method fails only with {@link TaoClientException}s: {@link RpcException}
 * (the node's JSON-RPC error), {@link NodeUnreachableException} (cannot connect; its subclass
 * {@link ConnectionLostException} when a call was in flight at a drop), {@link RpcTimeoutException},
 * {@link UnexpectedResponseException}, {@link ClientClosedException}.
 *
 * <p><b>Threads.</b> Thread-safe. The synchronous methods block the calling thread; {@link #callAsync}
 * does not. Subscription callbacks and listeners run on client threads (virtual), one at a time per
 * subscription, and may call the client.
 *
 * <p>Amounts are rao ({@code long}); {@code at} is an optional block hash (null: the head).
 */
public final class TaoClient implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TaoClient.class);
    private static final String CALLBACK_THREAD_PREFIX = "tao-client-callback-";

    private final URI uri;
    private final ClientOptions options;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final ExecutorService callbacks;
    private final Transport calls;
    private volatile WsTransport ws;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<AccountId, ReentrantLock> submitLocks = new ConcurrentHashMap<>();
    private final Set<TxWatch> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private TaoClient(URI uri, ClientOptions options) {
        this.uri = uri;
        this.options = options;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "tao-client-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        t.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = t;
        this.callbacks = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(CALLBACK_THREAD_PREFIX, 0).factory());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .build();
        if (Networks.isWebSocket(uri)) {
            WsTransport w = new WsTransport(uri, http, options, timer, callbacks, this::dispatch);
            this.ws = w;
            this.calls = w;
        } else {
            this.calls = new HttpTransport(uri, http, options);
        }
    }

    /** Connects with {@link ClientOptions#defaults()}. */
    public static TaoClient connect(URI uri) {
        return connect(uri, ClientOptions.defaults());
    }

    /** Connects to a {@code --network} value: "dev", "local" or a URL ({@link Networks#resolve}). */
    public static TaoClient connect(String network) {
        return connect(Networks.resolve(network), ClientOptions.defaults());
    }

    /**
     * Connects to a node: a WebSocket URL opens the socket now; an HTTP URL checks the node answers
     * ({@code system_health}).
     *
     * @throws NodeUnreachableException when nothing answers at {@code uri}
     * @throws IllegalArgumentException for a URL that is not ws, wss, http or https
     */
    public static TaoClient connect(URI uri, ClientOptions options) {
        return connect(uri, options, null);
    }

    /**
     * As {@link #connect(URI, ClientOptions)}, with a connection listener registered before connecting
     * (so it hears the first {@link ConnectionEvent.Connected} too; one added later may not).
     */
    public static TaoClient connect(URI uri, ClientOptions options, ConnectionListener listener) {
        URI u = Networks.resolve(uri.toString());
        TaoClient c = new TaoClient(u, options);
        if (listener != null) {
            c.listeners.add(listener);
        }
        try {
            if (c.calls instanceof WsTransport w) {
                w.connect();
            } else {
                c.systemHealth();
            }
            return c;
        } catch (RuntimeException e) {
            c.close();
            if (e instanceof TaoClientException
                    && !(e instanceof NodeUnreachableException)
                    && !(e instanceof RpcException)) {
                throw new NodeUnreachableException(u, "it does not answer like a tao node: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /** The node's URL as given (normalised). */
    public URI uri() {
        return uri;
    }

    public ClientOptions options() {
        return options;
    }

    // ================================================================== connection

    /** Listens to the WebSocket's state changes (connected, disconnected, reconnecting, closed). */
    public void addConnectionListener(ConnectionListener l) {
        listeners.add(l);
    }

    public void removeConnectionListener(ConnectionListener l) {
        listeners.remove(l);
    }

    /**
     * The WebSocket's state; for an HTTP client without a WebSocket yet, {@link ConnectionState#CONNECTED}
     * until closed (each call connects on its own).
     */
    public ConnectionState connectionState() {
        if (closed) {
            return ConnectionState.CLOSED;
        }
        WsTransport w = ws;
        return w == null ? ConnectionState.CONNECTED : w.state();
    }

    private void dispatch(ConnectionEvent e) {
        for (ConnectionListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("a connection listener threw", ex);
            }
        }
    }

    /** The WebSocket transport, opened on first use for an HTTP client. */
    WsTransport ws() {
        WsTransport w = ws;
        if (w != null) {
            return w;
        }
        synchronized (this) {
            if (closed) {
                throw new ClientClosedException("the client is closed");
            }
            if (ws == null) {
                WsTransport n =
                        new WsTransport(Networks.toWebSocket(uri), http, options, timer, callbacks, this::dispatch);
                n.connect();
                ws = n;
            }
            return ws;
        }
    }

    // ================================================================== raw calls

    /** Calls {@code method} with positional params (accounts, hashes, extrinsics and byte arrays are converted). */
    public CompletableFuture<JsonNode> callAsync(String method, Object... params) {
        return callAsync(options.callTimeout(), method, params);
    }

    /** As {@link #callAsync(String, Object...)} with its own timeout. */
    public CompletableFuture<JsonNode> callAsync(Duration timeout, String method, Object... params) {
        if (closed) {
            return CompletableFuture.failedFuture(new ClientClosedException("the client is closed"));
        }
        return calls.call(method, Codec.params(params), timeout);
    }

    /** Calls and waits for the result (JSON null for a null result). */
    public JsonNode call(String method, Object... params) {
        return await(callAsync(method, params));
    }

    /** Calls and reads the result as {@code type} (records, lists via arrays, runtime records). */
    public <T> T call(Class<T> type, String method, Object... params) {
        return Codec.read(call(method, params), type, method);
    }

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaoClientException("interrupted while waiting for the node", e);
        } catch (ExecutionException e) {
            throw asClientException(e.getCause());
        }
    }

    static TaoClientException asClientException(Throwable t) {
        t = Errors.unwrap(t);
        if (t instanceof TaoClientException e) {
            return e;
        }
        return new TaoClientException(String.valueOf(t.getMessage()), t);
    }

    private <T> T query(Class<T> type, String method, Object... params) {
        return Codec.read(call(method, params), type, method);
    }

    private <T> T query(TypeReference<T> type, String method, Object... params) {
        return Codec.read(call(method, params), type, method);
    }

    private <T> Optional<T> optional(Class<T> type, String method, Object... params) {
        JsonNode r = call(method, params);
        return r == null || r.isNull() ? Optional.empty() : Optional.of(Codec.read(r, type, method));
    }

    // ================================================================== system

    /** {@code system_chain}: the chain's name, e.g. "Development". */
    public String systemChain() {
        return call("system_chain").asText();
    }

    /** {@code system_name}: the implementation, "tao4j". */
    public String systemName() {
        return call("system_name").asText();
    }

    /** {@code system_version}: the node's version. */
    public String systemVersion() {
        return call("system_version").asText();
    }

    public SystemProperties systemProperties() {
        return query(SystemProperties.class, "system_properties");
    }

    public Health systemHealth() {
        return query(Health.class, "system_health");
    }

    /** Every method the node serves ({@code rpc_methods}). */
    public List<String> rpcMethods() {
        JsonNode r = call("rpc_methods");
        return Codec.read(r.path("methods"), new TypeReference<List<String>>() {}, "rpc_methods");
    }

    // ================================================================== chain

    /** The head's header. */
    public Header head() {
        return query(Header.class, "chain_getHeader");
    }

    /** A block's header; empty for an unknown hash. */
    public Optional<Header> header(H256 block) {
        return optional(Header.class, "chain_getHeader", block);
    }

    /** The header of block {@code number}; empty past the head. */
    public Optional<Header> header(long number) {
        return blockHash(number).flatMap(this::header);
    }

    /** The head block. */
    public SignedBlock block() {
        return blockOf(call("chain_getBlock"));
    }

    /** A block; empty for an unknown hash. */
    public Optional<SignedBlock> block(H256 hash) {
        JsonNode r = call("chain_getBlock", hash);
        return r == null || r.isNull() ? Optional.empty() : Optional.of(blockOf(r));
    }

    /** Block {@code number}; empty past the head. */
    public Optional<SignedBlock> block(long number) {
        return blockHash(number).flatMap(this::block);
    }

    private static SignedBlock blockOf(JsonNode r) {
        return Codec.read(r.path("block"), SignedBlock.class, "chain_getBlock");
    }

    /** The hash of block {@code number}; empty past the head. */
    public Optional<H256> blockHash(long number) {
        return optional(H256.class, "chain_getBlockHash", number);
    }

    /** The genesis hash (block 0), which every transaction signature commits to. */
    public H256 genesisHash() {
        return blockHash(0).orElseThrow(() -> new UnexpectedResponseException("the node has no block 0"));
    }

    /** The last final block's hash (with one authority, the head). */
    public H256 finalizedHead() {
        return query(H256.class, "chain_getFinalizedHead");
    }

    // ================================================================== accounts and stake

    /** The nonce an account's next transaction should use: state nonce plus its pool transactions. */
    public long nextNonce(AccountId account) {
        return call("system_accountNextIndex", account).asLong();
    }

    public Balance balance(AccountId account) {
        return balance(account, null);
    }

    public Balance balance(AccountId account, H256 at) {
        return query(Balance.class, "tao_getBalance", account, at);
    }

    public ColdkeyStake stakeForColdkey(AccountId coldkey) {
        return stakeForColdkey(coldkey, null);
    }

    public ColdkeyStake stakeForColdkey(AccountId coldkey, H256 at) {
        return query(ColdkeyStake.class, "tao_getStakeForColdkey", coldkey, at);
    }

    public HotkeyStake stakeForHotkey(AccountId hotkey) {
        return stakeForHotkey(hotkey, null);
    }

    public HotkeyStake stakeForHotkey(AccountId hotkey, H256 at) {
        return query(HotkeyStake.class, "tao_getStakeForHotkey", hotkey, at);
    }

    // ================================================================== subnets and neurons

    /** Every subnet, root first, with hyperparameters and current burn. */
    public List<Subnet> subnets() {
        return subnets(null);
    }

    public List<Subnet> subnets(H256 at) {
        return query(new TypeReference<List<Subnet>>() {}, "tao_getSubnets", at);
    }

    /** One subnet, from {@link #subnets(H256)}; empty when it does not exist. */
    public Optional<Subnet> subnet(int netuid, H256 at) {
        return subnets(at).stream().filter(s -> s.netuid() == netuid).findFirst();
    }

    public Optional<Subnet> subnet(int netuid) {
        return subnet(netuid, null);
    }

    /** A neuron; empty for an empty uid. A subnet that does not exist is an {@link RpcException} (-32602). */
    public Optional<Neuron> neuron(int netuid, int uid) {
        return neuron(netuid, uid, null);
    }

    public Optional<Neuron> neuron(int netuid, int uid, H256 at) {
        return optional(Neuron.class, "tao_getNeuron", netuid, uid, at);
    }

    /** A subnet's whole metagraph in one round trip. */
    public MetagraphView metagraph(int netuid) {
        return metagraph(netuid, null, null);
    }

    /** The metagraph's chosen columns (null or empty: all); the others are null in the view. */
    public MetagraphView metagraph(int netuid, Set<MetagraphField> fields) {
        return metagraph(netuid, fields, null);
    }

    public MetagraphView metagraph(int netuid, Set<MetagraphField> fields, H256 at) {
        String f = fields == null || fields.isEmpty() ? null : MetagraphField.param(fields);
        return query(MetagraphView.class, "tao_getMetagraph", netuid, f, at);
    }

    /** Every hotkey that holds stake, with owner, take, nominators and registrations. */
    public List<Delegate> delegates() {
        return delegates(null);
    }

    /** Every page of {@code tao_getDelegates} (1,000 hotkeys each), all read from the same block. */
    public List<Delegate> delegates(H256 at) {
        H256 block = at != null ? at : query(H256.class, "chain_getBlockHash");
        List<Delegate> out = new ArrayList<>();
        while (true) {
            List<Delegate> page = query(new TypeReference<List<Delegate>>() {}, "tao_getDelegates", block, out.size());
            out.addAll(page);
            if (page.size() < 1_000) {
                return out;
            }
        }
    }

    /** Each root member's weights over subnets. */
    public List<RootMember> rootWeights() {
        return rootWeights(null);
    }

    public List<RootMember> rootWeights(H256 at) {
        return query(new TypeReference<List<RootMember>>() {}, "tao_getRootWeights", at);
    }

    /** {@code tao_getProposals}: the senate and the open governance proposals at the head. */
    public Proposals proposals() {
        return proposals(null);
    }

    public Proposals proposals(H256 at) {
        return query(Proposals.class, "tao_getProposals", at);
    }

    /** {@code tao_getProxies}: the account's proxies and, as a delegate, its announced calls. */
    public org.tao4j.client.model.ProxyList proxies(AccountId account) {
        return query(org.tao4j.client.model.ProxyList.class, "tao_getProxies", account.toSs58(), null);
    }

    /** {@code tao_getCommitments}: a subnet's commitments, of one hotkey or (null) of all. */
    public org.tao4j.client.model.Commitments commitments(int netuid, AccountId hotkey) {
        return query(
                org.tao4j.client.model.Commitments.class,
                "tao_getCommitments",
                netuid,
                hotkey == null ? null : hotkey.toSs58(),
                null);
    }

    // ---------------------------------------------------------------- payment channels (chain.md §12)

    /** {@code tao_getChannel}: the channel with this id at the head, if there is one. */
    public Optional<org.tao4j.client.model.Channel> channel(H256 id) {
        return optional(org.tao4j.client.model.Channel.class, "tao_getChannel", id.toHex(), null);
    }

    /**
     * {@code tao_getChannels}: one page of the channels where {@code account} is the client or the gateway, in
     * id order, after {@code cursor} (null: from the first), at most {@code limit} (null: 1,000, the most).
     */
    public List<org.tao4j.client.model.Channel> channels(AccountId account, H256 cursor, Integer limit) {
        return query(
                new TypeReference<List<org.tao4j.client.model.Channel>>() {},
                "tao_getChannels",
                account.toSs58(),
                cursor == null ? null : cursor.toHex(),
                limit,
                null);
    }

    /** Every channel of {@code account}, page by page (at most {@code max}, to bound what a caller holds). */
    public List<org.tao4j.client.model.Channel> allChannels(AccountId account, int max) {
        List<org.tao4j.client.model.Channel> out = new java.util.ArrayList<>();
        H256 cursor = null;
        while (out.size() < max) {
            int want = Math.min(1_000, max - out.size());
            List<org.tao4j.client.model.Channel> page = channels(account, cursor, want);
            out.addAll(page);
            if (page.size() < want) {
                break;
            }
            cursor = page.get(page.size() - 1).id();
        }
        return out;
    }

    /** {@code open_channel} (13.0), signed by the client's coldkey: locks {@code deposit} rao until {@code expiresAt}. */
    public TxBuilder openChannel(
            Ed25519.KeyPair client, AccountId gatewayHotkey, int netuid, long deposit, long expiresAt) {
        return tx(client, new Call.OpenChannel(gatewayHotkey, netuid, deposit, expiresAt));
    }

    /** {@code top_up_channel} (13.1), signed by the client: adds {@code amount} rao, may extend the expiry. */
    public TxBuilder topUpChannel(Ed25519.KeyPair client, H256 channel, long amount, long expiresAt) {
        return tx(client, new Call.TopUpChannel(channel, amount, expiresAt));
    }

    /** {@code claim_channel} (13.2), signed by the gateway hotkey, with the client's voucher {@code signature}. */
    public TxBuilder claimChannel(Ed25519.KeyPair gatewayHotkey, H256 channel, long cumulative, byte[] signature) {
        return tx(gatewayHotkey, new Call.ClaimChannel(channel, cumulative, signature));
    }

    /** {@code close_channel} (13.3), signed by the client after the claim deadline: refunds what was not claimed. */
    public TxBuilder closeChannel(Ed25519.KeyPair client, H256 channel) {
        return tx(client, new Call.CloseChannel(channel));
    }

    /**
     * The id the client's next channel to {@code gateway} will get, if opened in the next block (per-client
     * counter = the channels it opened so far; read from the client's channel list).
     */
    public H256 nextChannelId(AccountId client, AccountId gateway) {
        long opened = allChannels(client, Integer.MAX_VALUE).stream()
                .filter(c -> c.client().equals(client))
                .count();
        return org.tao4j.runtime.channels.Voucher.channelId(client, gateway, opened);
    }

    /** A voucher for this chain: the client's signature authorising {@code cumulative} rao on {@code channel}. */
    public byte[] signVoucher(Ed25519.KeyPair client, H256 channel, long cumulative) {
        return org.tao4j.runtime.channels.Voucher.sign(client, genesisHash().bytes(), channel, cumulative);
    }

    /** {@code tao_getColdkeySwap}: the coldkey's pending swap, if any. */
    public org.tao4j.client.model.ColdkeySwapStatus coldkeySwap(AccountId coldkey) {
        return query(org.tao4j.client.model.ColdkeySwapStatus.class, "tao_getColdkeySwap", coldkey.toSs58(), null);
    }

    /** {@code tao_getPendingCommits}: the subnet's unrevealed weight commits, of one hotkey or (null) of all. */
    public PendingCommits pendingCommits(int netuid, AccountId hotkey) {
        return query(
                PendingCommits.class, "tao_getPendingCommits", netuid, hotkey == null ? null : hotkey.toSs58(), null);
    }

    /** {@code tao_getChildren}: the hotkey's children on the subnet, in effect and pending, and its childkey take. */
    public org.tao4j.client.model.Children children(AccountId hotkey, int netuid) {
        return query(org.tao4j.client.model.Children.class, "tao_getChildren", hotkey.toSs58(), netuid, null);
    }

    /** {@code tao_getParents}: the hotkeys lending stake to this one on the subnet. */
    public org.tao4j.client.model.Parents parents(AccountId hotkey, int netuid) {
        return query(org.tao4j.client.model.Parents.class, "tao_getParents", hotkey.toSs58(), netuid, null);
    }

    // ================================================================== emission and supply

    public Emission emission() {
        return emission(null);
    }

    public Emission emission(H256 at) {
        return query(Emission.class, "tao_getEmission", at);
    }

    /** Every subnet's pending emission. */
    public List<PendingEmission> pendingEmission() {
        return pendingEmission((H256) null);
    }

    public List<PendingEmission> pendingEmission(H256 at) {
        return query(new TypeReference<List<PendingEmission>>() {}, "tao_getPendingEmission", null, at);
    }

    /** One subnet's pending emission; a subnet that does not exist is an {@link RpcException} (-32602). */
    public PendingEmission pendingEmission(int netuid) {
        return pendingEmission(netuid, null);
    }

    public PendingEmission pendingEmission(int netuid, H256 at) {
        List<PendingEmission> l =
                query(new TypeReference<List<PendingEmission>>() {}, "tao_getPendingEmission", netuid, at);
        if (l.size() != 1) {
            throw new UnexpectedResponseException(
                    "tao_getPendingEmission(" + netuid + ") returned " + l.size() + " entries");
        }
        return l.get(0);
    }

    /** What registering a subnet would lock in the next block. */
    public LockCost lockCost() {
        return lockCost(null);
    }

    public LockCost lockCost(H256 at) {
        return query(LockCost.class, "tao_getLockCost", at);
    }

    public Supply supply() {
        return supply(null);
    }

    public Supply supply(H256 at) {
        return query(Supply.class, "tao_getSupply", at);
    }

    /** The chain parameters in force. */
    public ChainParams params() {
        return params(null);
    }

    public ChainParams params(H256 at) {
        return query(ChainParams.class, "tao_getParams", at);
    }

    // ================================================================== events and fees

    /** The head block's events. */
    public BlockEvents events() {
        return query(BlockEvents.class, "tao_getEvents");
    }

    /** A block's events; an unknown block is an {@link RpcException} (4001). */
    public BlockEvents events(H256 block) {
        return query(BlockEvents.class, "tao_getEvents", block);
    }

    /** The fee of a signed transaction, its parts, and whether it is valid now. */
    public FeeInfo feeInfo(Extrinsic x) {
        return feeInfo(x, null);
    }

    public FeeInfo feeInfo(Extrinsic x, H256 at) {
        return query(FeeInfo.class, "tao_getFee", x, at);
    }

    /** The fee (rao) a signed transaction would pay now. */
    public long feeOf(Extrinsic x) {
        return feeInfo(x).fee();
    }

    // ================================================================== transactions

    /** A builder that signs {@code call} for {@code signer} with the right nonce, era and genesis hash. */
    public TxBuilder tx(Ed25519.KeyPair signer, Call call) {
        return new TxBuilder(this, signer, call);
    }

    /** Submits a signed transaction; returns its hash. Refusals are {@link RpcException}s (1002, 1010, 1013, 1014, 1016). */
    public H256 submit(Extrinsic x) {
        return query(H256.class, "author_submitExtrinsic", x);
    }

    /** Submits raw SCALE bytes (which may not even decode: that is error 1002). */
    public H256 submit(byte[] encoded) {
        return query(H256.class, "author_submitExtrinsic", Hex.toHex(encoded));
    }

    /**
     * The transactions in the node's pool, in arrival order, fetched page by page (author_pendingExtrinsics
     * answers at most 1,000 or 4 MiB at a time). The pool changes meanwhile: a transaction may be missed or
     * repeated. At most {@code 100} pages.
     */
    public List<Extrinsic> pendingExtrinsics() {
        List<Extrinsic> out = new ArrayList<>();
        for (int page = 0; page < 100; page++) {
            List<String> hex = query(new TypeReference<List<String>>() {}, "author_pendingExtrinsics", out.size());
            if (hex.isEmpty()) {
                break;
            }
            for (String h : hex) {
                out.add(Extrinsic.decode(Hex.fromHex(h)));
            }
        }
        return out;
    }

    /** Submits and watches (needs a WebSocket, opened on demand for an HTTP client). */
    public TxHandle submitAndWatch(Extrinsic x) {
        return submitAndWatch(x, null);
    }

    /**
     * Submits and watches; {@code onStatus} (may be null) hears every stage in order, starting with
     * {@link TxStatus.Submitted}. Returns once the node has accepted the transaction.
     *
     * @throws RpcException when the node refuses it (1002 malformed, 1010 invalid, 1013, 1014, 1016)
     */
    public TxHandle submitAndWatch(Extrinsic x, Consumer<TxStatus> onStatus) {
        return watch(x, head().number(), onStatus);
    }

    TxHandle watch(Extrinsic x, long submittedAfter, Consumer<TxStatus> onStatus) {
        WsTransport w = ws();
        TxWatch watch = new TxWatch(this, w, x, submittedAfter, onStatus, new SerialExecutor(callbacks));
        watches.add(watch);
        try {
            await(watch.start());
        } catch (RuntimeException e) {
            watches.remove(watch);
            throw e;
        }
        if (closed) {
            watch.onEnded(new ClientClosedException("the client is closed"));
        }
        return new TxHandle(watch);
    }

    void forgetWatch(TxWatch w) {
        watches.remove(w);
    }

    ReentrantLock submitLock(AccountId account) {
        return submitLocks.computeIfAbsent(account, a -> new ReentrantLock());
    }

    /**
     * The outcome of transaction {@code txHash} included in {@code block}: success or the failure's error
     * and message, the fee, and its events (from {@code tao_getEvents}: the events after the previous
     * transaction's ExtrinsicSuccess/ExtrinsicFailed up to its own).
     */
    public TxOutcome.Finalized outcomeOf(H256 txHash, H256 block) {
        CompletableFuture<JsonNode> b = callAsync("chain_getBlock", block);
        CompletableFuture<JsonNode> e = callAsync("tao_getEvents", block);
        JsonNode bj = await(b);
        if (bj == null || bj.isNull()) {
            throw new UnexpectedResponseException("block " + block + " is unknown to the node");
        }
        SignedBlock sb = blockOf(bj);
        BlockEvents events = Codec.read(await(e), BlockEvents.class, "tao_getEvents");
        int index = sb.indexOf(txHash);
        if (index < 0) {
            throw new UnexpectedResponseException("transaction " + txHash + " is not in block " + block);
        }
        List<ChainEvent> mine = new ArrayList<>();
        ChainEvent result = null;
        for (ChainEvent ev : events.events()) {
            mine.add(ev);
            if (ev.isExtrinsicResult()) {
                if (ev.intField("index") == index) {
                    result = ev;
                    break;
                }
                mine.clear();
            }
        }
        if (result == null) {
            throw new UnexpectedResponseException(
                    "block " + block + " has no ExtrinsicSuccess or ExtrinsicFailed for " + "transaction " + index);
        }
        boolean ok = result.type().equals("ExtrinsicSuccess");
        return new TxOutcome.Finalized(
                txHash,
                block,
                sb.header().number(),
                index,
                ok,
                result.longField("fee"),
                ok ? null : result.text("error"),
                ok ? null : result.text("message"),
                mine);
    }

    /** Looks for a transaction in blocks {@code fromBlock} to the head (32 blocks per round of parallel calls). */
    public Optional<TxLocation> findExtrinsic(H256 txHash, long fromBlock) {
        long head = head().number();
        final int window = 32;
        for (long start = Math.max(1, fromBlock); start <= head; start += window) {
            long end = Math.min(head, start + window - 1);
            List<CompletableFuture<JsonNode>> hashes = new ArrayList<>();
            for (long n = start; n <= end; n++) {
                hashes.add(callAsync("chain_getBlockHash", n));
            }
            List<CompletableFuture<JsonNode>> blocks = new ArrayList<>();
            for (CompletableFuture<JsonNode> h : hashes) {
                JsonNode hj = await(h);
                if (hj == null || hj.isNull()) {
                    break;
                }
                blocks.add(callAsync("chain_getBlock", hj.asText()));
            }
            for (CompletableFuture<JsonNode> b : blocks) {
                JsonNode bj = await(b);
                if (bj == null || bj.isNull()) {
                    continue;
                }
                SignedBlock sb = blockOf(bj);
                int i = sb.indexOf(txHash);
                if (i >= 0) {
                    return Optional.of(
                            new TxLocation(sb.header().hash(), sb.header().number(), i));
                }
            }
        }
        return Optional.empty();
    }

    // ================================================================== subscriptions

    /**
     * Calls {@code onHead} with the current head and then every new header, in order, on a client
     * thread. After a reconnect the subscription is re-sent and continues with the node's head then
     * (a header equal to the last one delivered is not repeated; headers made while disconnected are
     * not replayed — compare numbers to notice a gap).
     */
    public Subscription subscribeNewHeads(Consumer<Header> onHead) {
        return subscribeNewHeads(onHead, null);
    }

    /** As {@link #subscribeNewHeads(Consumer)}; {@code onEnd} hears why the subscription ended for good. */
    public Subscription subscribeNewHeads(Consumer<Header> onHead, Consumer<TaoClientException> onEnd) {
        WsTransport w = ws();
        HeadHandler h = new HeadHandler(onHead, onEnd);
        return await(w.subscribe(
                "chain_subscribeNewHeads", Codec.params(), "chain_unsubscribeNewHeads", h, options.callTimeout()));
    }

    private static final class HeadHandler implements WsTransport.SubHandler {
        private final Consumer<Header> onHead;
        private final Consumer<TaoClientException> onEnd;
        private H256 last; // only touched on the subscription's serial executor

        HeadHandler(Consumer<Header> onHead, Consumer<TaoClientException> onEnd) {
            this.onHead = onHead;
            this.onEnd = onEnd;
        }

        @Override
        public void onNotification(JsonNode result) {
            Header h;
            try {
                h = Codec.read(result, Header.class, "chain_newHead");
            } catch (UnexpectedResponseException e) {
                LOG.warn("{}", e.getMessage());
                return;
            }
            if (h.hash() == null || h.hash().equals(last)) {
                return;
            }
            last = h.hash();
            onHead.accept(h);
        }

        @Override
        public boolean resubscribe() {
            return true;
        }

        @Override
        public void onEnded(Throwable cause) {
            if (onEnd != null) {
                onEnd.accept(asClientException(cause));
            }
        }
    }

    // ================================================================== close

    /**
     * Closes the connection: pending calls fail with {@link ClientClosedException}, subscriptions end,
     * watched transactions' outcomes fail (the transactions themselves stay in the node's pool).
     * Waits (up to 2 s) for the callbacks this causes — the {@link ConnectionEvent.Closed} event,
     * subscriptions' end handlers — to run.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        calls.close();
        WsTransport w = ws;
        if (w != null && w != calls) {
            w.close();
        }
        ClientClosedException e = new ClientClosedException("the client is closed");
        for (TxWatch watch : List.copyOf(watches)) {
            watch.onEnded(e);
        }
        timer.shutdown();
        callbacks.shutdown();
        // let the last callbacks (the Closed event, ended subscriptions) run before returning, unless
        // close() was called from one of them
        if (!Thread.currentThread().getName().startsWith(CALLBACK_THREAD_PREFIX)) {
            try {
                callbacks.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
