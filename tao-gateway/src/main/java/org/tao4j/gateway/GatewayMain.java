package org.tao4j.gateway;

import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import org.tao4j.client.TaoClient;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tao gateway} as a program of its own: starts a {@link Gateway} and runs until SIGINT or
 * SIGTERM. Prints one line {@code gateway listening on URL} once it serves (scripts wait for it).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Sell a subnet's answers for vouchers.")
public final class GatewayMain {
    @Mixin
    GatewayArgs args;

    public static void main(String[] argv) {
        System.exit(run(System.out, argv));
    }

    /** Parses, starts and blocks until stopped; the exit code. */
    public static int run(PrintStream out, String... argv) {
        GatewayMain m = new GatewayMain();
        CommandLine cl = new CommandLine(m);
        try {
            CommandLine.ParseResult r = cl.parseArgs(argv);
            if (r.isUsageHelpRequested() || r.isVersionHelpRequested()) {
                cl.usage(out);
                return 0;
            }
        } catch (CommandLine.ParameterException e) {
            System.err.println("tao gateway: " + e.getMessage());
            System.err.println("Run 'tao gateway --help' for usage.");
            return 2;
        }
        return serve(m.args, out);
    }

    /** Runs a gateway with {@code a} until the JVM is asked to stop; the exit code. */
    public static int serve(GatewayArgs a, PrintStream out) {
        return serve(a, out, new java.io.PrintWriter(System.err, true));
    }

    /** As {@link #serve(GatewayArgs, PrintStream)}, with one-line errors written to {@code err}. */
    public static int serve(GatewayArgs a, PrintStream out, java.io.PrintWriter err) {
        Ed25519.KeyPair key;
        GatewayConfig config;
        try {
            key = a.loadHotkey();
            config = a.toConfig(AccountId.of(key.publicKey()).toSs58());
        } catch (RuntimeException e) {
            err.println("tao gateway: " + e.getMessage());
            err.flush();
            return 2;
        }
        TaoClient client;
        try {
            client = TaoClient.connect(URI.create(a.url()));
        } catch (RuntimeException e) {
            err.println("tao gateway: cannot reach the node at " + a.url() + ": " + e.getMessage());
            err.flush();
            return 3;
        }
        Gateway g;
        try {
            g = Gateway.startOwning(config, key, client);
        } catch (RuntimeException e) {
            client.close();
            err.println("tao gateway: " + e.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    g.close();
                    stop.countDown();
                },
                "gateway-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("gateway listening on " + g.url() + " for subnet " + config.netuid() + " (" + config.subnet()
                + ") as " + g.hotkey().toSs58() + ", price " + config.price() + " rao, top " + config.topK()
                + " miners, vouchers in " + config.dataDir());
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
