package org.tao4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every chain and wallet command shares (a picocli mixin). */
public final class Opts {

    @Option(
            names = {"--network"},
            paramLabel = "dev|local|URL",
            description =
                    "The node: dev, local or ws://host:port (default: config 'network', else ws://127.0.0.1:9944).")
    public String network;

    @Option(
            names = {"--wallet", "-w"},
            paramLabel = "NAME",
            description =
                    "Wallet name (default: config 'wallet', else 'default'). On dev chains a dev URI such as //Alice.")
    public String wallet;

    @Option(
            names = {"--hotkey", "-H"},
            paramLabel = "NAME",
            description = "Hotkey name in the wallet (default: config 'hotkey', else 'default'); //Bob on dev chains.")
    public String hotkey;

    @Option(
            names = "--wallet-path",
            paramLabel = "DIR",
            description = "Wallet directory (default: $TAO_WALLET_PATH, config 'wallet-path', else ~/.tao/wallets).")
    public Path walletPath;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "Read the coldkey password from the first line of FILE instead of a prompt.")
    public Path passwordFile;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            hidden = true,
            description = "Config file (default: $TAO_CONFIG, else ~/.tao/config.yaml).")
    public Path config;

    @Option(names = "--json", description = "Print exactly one JSON document on stdout (errors too).")
    public boolean json;

    @Option(
            names = {"-y", "--no-prompt"},
            description = "Do not ask for confirmation (for scripts).")
    public boolean yes;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only the result.")
    public boolean quiet;

    @Option(names = "--rao", description = "Show amounts in raw rao instead of τ.")
    public boolean rao;

    @Option(
            names = "--proxy-for",
            paramLabel = "ADDRESS",
            description = "Act for ADDRESS as its proxy: the wallet's key signs proxy(ADDRESS, call) and pays the fee; "
                    + "ADDRESS is the coldkey the command reads and acts as (docs/keys-and-proxies.md).")
    public String proxyFor;

    @Option(
            names = "--announce",
            description = "With --proxy-for, for a proxy with a delay: announce the call (announce_proxy) instead of"
                    + " making it; after the delay, run the same command without --announce.")
    public boolean announce;
}
