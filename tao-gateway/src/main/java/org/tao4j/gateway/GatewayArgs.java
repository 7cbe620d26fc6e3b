package org.tao4j.gateway;

import java.nio.file.Path;
import java.time.Duration;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.wallet.KeyDerivation;
import org.tao4j.wallet.PasswordSource;
import org.tao4j.wallet.WalletStore;
import picocli.CommandLine.Option;

/** The options of {@code tao gateway} (a picocli mixin, shared by the CLI and {@link GatewayMain}). */
public final class GatewayArgs {
    @Option(names = "--netuid", required = true, paramLabel = "N", description = "The subnet to sell.")
    int netuid;

    @Option(
            names = "--subnet",
            required = true,
            paramLabel = "forecast|text",
            description = "Which subnet's task the gateway speaks: forecast or text.")
    String subnet;

    @Option(
            names = {"--wallet", "--wallet.name"},
            paramLabel = "NAME",
            defaultValue = "default",
            description = "The wallet holding the gateway hotkey (default 'default').")
    String wallet;

    @Option(
            names = {"--hotkey", "--wallet.hotkey"},
            paramLabel = "NAME|//URI",
            defaultValue = "default",
            description = "The gateway hotkey, registered on the subnet (a validator's); '//...' is a dev URI.")
    String hotkey;

    @Option(names = "--wallet.path", paramLabel = "DIR", description = "Wallet root (default ~/.tao/wallets).")
    Path walletPath;

    @Option(
            names = {"--url", "--network"},
            paramLabel = "URL",
            defaultValue = "ws://127.0.0.1:9944",
            description = "The node's WebSocket URL (default ws://127.0.0.1:9944).")
    String url;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "Bind address.")
    String host;

    @Option(
            names = "--port",
            paramLabel = "P",
            defaultValue = "8095",
            description = "HTTP port (default 8095; 0 = any).")
    int port;

    @Option(
            names = "--price",
            paramLabel = "RAO",
            defaultValue = "1000000",
            description = "Price per query in rao (default 1000000 = 0.001 TAO).")
    long price;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "4",
            description = "Miners asked per query (default 4).")
    int topK;

    @Option(
            names = "--claim-threshold",
            paramLabel = "RAO",
            defaultValue = "100000000",
            description = "Claim a channel once this much is unclaimed (default 0.1 TAO); always before its deadline.")
    long claimThreshold;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where vouchers are kept (default ~/.tao/gateway/<hotkey ss58>/netuid<N>).")
    Path dataDir;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "64", description = "Queries served at once.")
    int maxConcurrent;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "256", description = "Queries waiting; then 429.")
    int maxQueued;

    @Option(
            names = "--query-timeout",
            paramLabel = "MS",
            defaultValue = "5000",
            description = "Per round of miner queries, in ms (default 5000).")
    long queryTimeoutMillis;

    /** The hotkey: a dev URI ({@code //Name}) or a wallet hotkey (asking for its password if encrypted). */
    public Ed25519.KeyPair loadHotkey() {
        if (hotkey.startsWith("//")) {
            return Ed25519.KeyPair.fromSeed(
                    KeyDerivation.fromSuri(hotkey).keyPair().seed());
        }
        return WalletStore.locate(walletPath)
                .wallet(wallet)
                .unlockHotkey(hotkey, PasswordSource.console())
                .keyPair();
    }

    public String url() {
        return url;
    }

    /** The configuration; {@code hotkeySs58} names the default data directory. */
    public GatewayConfig toConfig(String hotkeySs58) {
        Path dir = dataDir != null
                ? dataDir
                : Path.of(WalletStore.userHome(), ".tao", "gateway", hotkeySs58, "netuid" + netuid);
        return GatewayConfig.defaults(subnet, netuid, dir)
                .withHost(host)
                .withPort(port)
                .withPrice(price)
                .withTopK(topK)
                .withClaimThreshold(claimThreshold)
                .withConcurrency(maxConcurrent, maxQueued, Duration.ofSeconds(2))
                .withQueryTimeout(Duration.ofMillis(queryTimeoutMillis));
    }
}
