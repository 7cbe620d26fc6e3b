package org.tao4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.tao4j.client.TaoClient;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.Node;
import org.tao4j.node.NodeConfig;

/**
 * An in-process {@code tao node --dev} on a free port (temporary state, 100 ms blocks) and a way to run
 * {@code tao} against it with its own wallet directory, config and password file, as
 * {@link CliUserStoryTest} does. One per test class, through {@link PerClass}; {@link #close()}
 * stops the node.
 */
final class CliHarness implements AutoCloseable {

    static final String[] KDF = {"--kdf-memory", "64", "--kdf-iterations", "1"};

    final Node node;
    final String url;
    final Path dir;
    private final TaoClient client;

    /** One run: exit code, stdout and stderr (and stdout parsed, in --json mode). */
    record Run(int code, String out, String err, JsonNode json) {
        String message() {
            return json == null ? "" : json.path("error").path("message").asText();
        }
    }

    private CliHarness(Node node, Path dir) {
        this.node = node;
        this.url = "ws://127.0.0.1:" + node.rpcPort();
        this.dir = dir;
        this.client = TaoClient.connect(url);
    }

    static CliHarness start(Path dir) throws Exception {
        Node n = Node.start(NodeConfig.forDev()
                .withTmp(true)
                .withRpc(0, false)
                .withMetricsPort(-1)
                .withBlockTime(Duration.ofMillis(100))
                .withSyncWrites(false));
        Files.writeString(dir.resolve("pw"), "correct horse battery staple\n");
        Files.setPosixFilePermissions(
                dir.resolve("pw"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return new CliHarness(n, dir);
    }

    TaoClient client() {
        return client;
    }

    Path wallets() {
        return dir.resolve("wallets");
    }

    /** Runs {@code tao args} with --network, --wallet-path, --config, --password-file and the given flags. */
    Run run(boolean json, boolean yes, String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        if (!a.contains("--network")) {
            a.addAll(List.of("--network", url));
        }
        if (json) {
            a.add("--json");
        }
        if (yes) {
            a.add("-y");
        }
        a.addAll(List.of(
                "--wallet-path",
                wallets().toString(),
                "--config",
                dir.resolve("config.yaml").toString(),
                "--password-file",
                dir.resolve("pw").toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TaoCli.execute(a.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        String o = out.toString().strip();
        JsonNode j = null;
        if (json) {
            try {
                j = Ctx.JSON.readTree(o); // exactly one JSON document
            } catch (IOException e) {
                throw new UncheckedIOException("not one JSON document: " + o + " / " + err, e);
            }
        }
        assertFalse(err.toString().contains("\tat "), () -> "stack trace on stderr: " + err);
        assertFalse(o.contains("\tat "), () -> "stack trace on stdout: " + o);
        return new Run(code, out.toString(), err.toString(), j);
    }

    /** --json -y: the form scripts use. */
    Run tao(String... args) {
        return run(true, true, args);
    }

    JsonNode ok(String... args) {
        Run r = tao(args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + " -> " + r.json() + " " + r.err());
        return r.json();
    }

    /** Exit {@code code}, a JSON error with that code whose message contains {@code fragment}; returns the message. */
    String fails(int code, String fragment, String... args) {
        Run r = tao(args);
        assertEquals(code, r.code(), () -> String.join(" ", args) + " -> " + r.json() + " " + r.err());
        assertEquals(code, r.json().path("error").path("code").asInt(), r.json()::toString);
        String msg = r.message();
        assertFalse(msg.contains("\n"), () -> "not one line: " + msg);
        assertTrue(
                msg.toLowerCase(java.util.Locale.ROOT).contains(fragment.toLowerCase(java.util.Locale.ROOT)),
                () -> "'" + msg + "' lacks '" + fragment + "'");
        return msg;
    }

    long head() {
        return client.head().number();
    }

    void waitUntil(long block) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (head() < block) {
            assertTrue(System.nanoTime() < deadline, "the node stopped producing blocks");
            Thread.sleep(50);
        }
    }

    void waitBlocks(int n) throws InterruptedException {
        waitUntil(head() + n);
    }

    long nonce(String ss58) {
        return client.nextNonce(AccountId.fromSs58(ss58));
    }

    long free(String ss58) {
        return client.balance(AccountId.fromSs58(ss58)).free();
    }

    /** Sends {@code tao} from //Alice to {@code ss58}. */
    void fund(String ss58, String tao) {
        ok("wallet", "transfer", "--wallet", "//Alice", "--dest", ss58, "--amount", tao);
    }

    static String[] cat(String[] a, String... b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    /** {@code wallet create} with test KDF costs; returns its JSON (coldkey, hotkey_address). */
    JsonNode createWallet(String wallet, String hotkey) {
        return ok(cat(new String[] {"wallet", "create", "--wallet", wallet, "--hotkey", hotkey}, KDF));
    }

    @Override
    public void close() {
        client.close();
        node.close();
    }

    /**
     * A harness for a whole test class: {@code @RegisterExtension static final CliHarness.PerClass
     * NODE = new CliHarness.PerClass(h -> cli = h);} starts it in a temporary directory before the
     * class's {@code @BeforeAll} methods, and stops it and deletes the directory after the class.
     */
    static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private final Consumer<CliHarness> started;
        private CliHarness harness;
        private Path dir;

        PerClass(Consumer<CliHarness> started) {
            this.started = started;
        }

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            dir = Files.createTempDirectory("tao-cli-test-");
            harness = start(dir);
            started.accept(harness);
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            if (harness != null) {
                harness.close();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }
}
