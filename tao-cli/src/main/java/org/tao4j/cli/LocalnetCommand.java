package org.tao4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tao4j.network.Localnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tao localnet}: a network of node processes on this machine, with a live table. */
@Command(
        name = "localnet",
        mixinStandardHelpOptions = true,
        description = "Start N authorities (the dev accounts) and M full nodes as separate processes on free loopback"
                + " ports, and show a live table. Restarts nothing by itself; Ctrl-C stops them all.",
        footer = {"", "Example:", "  tao localnet --authorities 3 --full-nodes 1 --fresh", "  (then kill -9 a pid)"})
public final class LocalnetCommand implements Callable<Integer> {

    @Option(names = "--authorities", description = "Authorities, 1-6 (default 3).")
    int authorities = 3;

    @Option(names = "--full-nodes", description = "Full nodes, 0-16 (default 0).")
    int fullNodes;

    @Option(names = "--base-path", description = "Where the nodes keep their data and logs (default ~/.tao/localnet).")
    Path basePath;

    @Option(names = "--fresh", description = "Delete the base path first (a new chain).")
    boolean fresh;

    @Option(names = "--block-time-ms", description = "Block time in milliseconds (default 500).")
    long blockTimeMs = 500;

    @Override
    public Integer call() throws Exception {
        Path dir = basePath != null
                ? basePath
                : Path.of(System.getenv().getOrDefault("HOME", System.getProperty("user.home")), ".tao", "localnet");
        Localnet net;
        try {
            net = Localnet.open(
                    dir, authorities, fullNodes, Duration.ofMillis(blockTimeMs), List.of("-Xmx256m"), fresh);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            net.close();
            done.countDown();
        }));
        net.startAll();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        System.out.println("localnet in " + dir + " (spec " + net.specFile() + "); logs: <name>.log; Ctrl-C stops all");
        while (done.getCount() > 0) {
            StringBuilder b = new StringBuilder("\033[H\033[2J");
            b.append("localnet ").append(dir).append("   (kill -9 a pid to watch a failover; Ctrl-C stops all)\n\n");
            b.append(String.format(
                    "%-9s %-9s %7s %9s %-12s %5s %8s %s%n",
                    "node", "role", "best", "finalized", "leader", "peers", "pid", "rpc"));
            for (Localnet.NodeProc n : net.nodes()) {
                JsonNode s = n.alive() ? status(http, n.rpcPort) : null;
                String leader = s == null || s.path("leader").isNull()
                        ? "-"
                        : abbreviate(s.path("leader").asText());
                long peers = 0;
                if (s != null) {
                    for (JsonNode p : s.path("peers")) {
                        if (p.path("reachable").asBoolean()) {
                            peers++;
                        }
                    }
                }
                b.append(String.format(
                        "%-9s %-9s %7s %9s %-12s %5s %8s ws://127.0.0.1:%d%n",
                        n.name,
                        !n.alive()
                                ? "down"
                                : s == null ? "starting" : s.path("role").asText(),
                        s == null ? "-" : s.path("best").asText(),
                        s == null ? "-" : s.path("finalized").asText(),
                        leader,
                        s == null ? "-" : Long.toString(peers),
                        n.alive() ? Long.toString(n.pid()) : "-",
                        n.rpcPort));
            }
            System.out.print(b);
            System.out.flush();
            Thread.sleep(1_000);
        }
        return 0;
    }

    private static String abbreviate(String ss58) {
        return ss58.length() > 10 ? ss58.substring(0, 5) + "…" + ss58.substring(ss58.length() - 4) : ss58;
    }

    private static JsonNode status(HttpClient http, int port) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(1))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tao_consensusStatus\",\"params\":[]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode j = Ctx.JSON.readTree(r.body());
            return j.has("result") ? j.get("result") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
