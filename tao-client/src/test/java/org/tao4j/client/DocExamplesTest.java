package org.tao4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.Node;

/**
 * The examples of docs/client.md, read from the doc file itself, compiled and run against a --dev node:
 * when the doc's examples change, this test runs the new text (and fails if an example no longer
 * compiles or works). Each example is found by its first line; the free names an example uses
 * ({@code netuid}, {@code blockHash}, {@code bob}, {@code spinner}, {@code log}, the {@code …} standing for a
 * key) are bound by a one-line preamble, and nothing else of the example is changed.
 */
class DocExamplesTest {

    /** What the examples' free names are bound to. Package-private: the compiled examples live in this package. */
    static final class Env {
        TaoClient client;
        H256 blockHash;
        AccountId bob;
        Ed25519.KeyPair aliceKey;
        final Spinner spinner = new Spinner();
        final Log log = new Log();
    }

    /** The doc's {@code spinner}: records each stage shown. */
    static final class Spinner {
        final List<String> stages = new CopyOnWriteArrayList<>();

        void text(String stage) {
            stages.add(stage);
        }
    }

    /** The doc's {@code log} (an SLF4J-style logger): records each line, with {} filled in. */
    static final class Log {
        final List<String> lines = new CopyOnWriteArrayList<>();

        void info(String format, Object... args) {
            lines.add(fill(format, args));
        }

        void warn(String format, Object... args) {
            lines.add(fill(format, args));
        }

        private static String fill(String format, Object... args) {
            String s = format;
            for (Object a : args) {
                s = s.replaceFirst("\\{\\}", Matcher.quoteReplacement(String.valueOf(a)));
            }
            return s;
        }
    }

    /** A compiled example: runs its text with the names bound from {@code env}. */
    public interface Example {
        void run(Env env) throws Exception;
    }

    private static final String IMPORTS = """
            import java.time.Duration;
            import java.util.*;
            import org.tao4j.client.model.*;
            import org.tao4j.core.account.AccountId;
            import org.tao4j.core.crypto.Ed25519;
            import org.tao4j.core.crypto.H256;
            import org.tao4j.runtime.event.Event;
            import org.tao4j.runtime.tx.Call;
            """;

    @Test
    void theDocumentedExamplesWork() throws Exception {
        List<String> blocks = javaBlocks(Files.readString(docFile("docs/client.md")));
        // example's first line -> the preamble that binds its free names
        Map<String, String> examples = new java.util.LinkedHashMap<>();
        examples.put("client.addConnectionListener(", "DocExamplesTest.Log log = env.log;");
        examples.put(
                "Ed25519.KeyPair aliceKey = ",
                "AccountId bob = env.bob; DocExamplesTest.Spinner spinner = env.spinner;");
        examples.put("for (ChainEvent ev : client.events(blockHash)", "H256 blockHash = env.blockHash;");
        examples.put("MetagraphView mg = client.metagraph(netuid", "int netuid = 0;");
        Map<String, Example> compiled = compile(blocks, examples);

        try (Node node = TestNodes.instant()) {
            Env env = new Env();
            env.bob = TestNodes.id("Bob");
            env.aliceKey = TestNodes.key("Alice");
            try (TaoClient client =
                    TaoClient.connect(Networks.resolve(TestNodes.ws(node).toString()))) {
                env.client = client;
                // the connection listener example, then the transfer: it must print its block
                compiled.get("client.addConnectionListener(").run(env);
                String tx =
                        stdout(() -> compiled.get("Ed25519.KeyPair aliceKey = ").run(env));
                Matcher m = Pattern.compile("in block #(\\d+) (0x[0-9a-f]{64}), fee \\d+ rao")
                        .matcher(tx);
                assertThat(m.find()).as("the transfer example's output: %s", tx).isTrue();
                assertThat(env.spinner.stages).contains("finalized");
                env.blockHash = H256.fromHex(m.group(2));
                // the events example prints that block's transfer, decoded
                String events = stdout(() -> compiled.get("for (ChainEvent ev : client.events(blockHash)")
                        .run(env));
                assertThat(events).contains(TestNodes.id("Alice") + " → " + env.bob + ": 5000000000");
                // the metagraph example prints one line per uid of the root network (none on a fresh chain)
                String mg = stdout(() -> compiled.get("MetagraphView mg = client.metagraph(netuid")
                        .run(env));
                assertThat(mg.lines().count())
                        .isEqualTo(
                                client.metagraph(0, java.util.EnumSet.of(org.tao4j.client.model.MetagraphField.HOTKEYS))
                                        .n());
            }
            // the listener example logged the close
            assertThat(env.log.lines).contains("closed");
        }
    }

    // ---------------------------------------------------------------- reading and compiling the doc

    private static Path docFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    /** The bodies of the doc's ```java fenced blocks, in order. */
    static List<String> javaBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Map<String, Example> compile(List<String> blocks, Map<String, String> examples) throws Exception {
        Map<String, String> sources = new HashMap<>();
        Map<String, String> classOf = new HashMap<>();
        int k = 0;
        for (var e : examples.entrySet()) {
            List<String> found = blocks.stream()
                    .filter(b -> b.strip().startsWith(e.getKey()))
                    .toList();
            assertThat(found)
                    .as("docs/client.md has one ```java example starting with %s", e.getKey())
                    .hasSize(1);
            String body = found.get(0).replace("…", "env.aliceKey");
            String name = "DocExample" + k++;
            classOf.put(e.getKey(), name);
            sources.put(
                    name,
                    "package org.tao4j.client;\n" + IMPORTS + "final class " + name
                            + " implements DocExamplesTest.Example {\n public void run(DocExamplesTest.Env env) throws Exception {\n"
                            + "  TaoClient client = env.client;\n  " + e.getValue() + "\n" + body + "\n }\n}\n");
        }
        Map<String, byte[]> classes = javac(sources);
        Map<String, Example> out = new HashMap<>();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (var e : classOf.entrySet()) {
            // defined in this class's package and loader, so the examples see the package-private Env
            Class<?> c = lookup.defineClass(classes.get("org.tao4j.client." + e.getValue()));
            var ctor = c.getDeclaredConstructor();
            ctor.setAccessible(true);
            out.put(e.getKey(), (Example) ctor.newInstance());
        }
        return out;
    }

    private static Map<String, byte[]> javac(Map<String, String> sources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac)
                .as("a JDK (javax.tools) to compile the doc's examples")
                .isNotNull();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (var s : sources.entrySet()) {
            units.add(
                    new SimpleJavaFileObject(
                            URI.create("string:///" + s.getKey() + ".java"), JavaFileObject.Kind.SOURCE) {
                        @Override
                        public CharSequence getCharContent(boolean ignore) {
                            return s.getValue();
                        }
                    });
        }
        try (StandardJavaFileManager std = javac.getStandardFileManager(diags, null, StandardCharsets.UTF_8);
                JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
                    @Override
                    public JavaFileObject getJavaFileForOutput(
                            Location loc, String className, JavaFileObject.Kind kind, FileObject sibling) {
                        return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
                            @Override
                            public OutputStream openOutputStream() {
                                return out.computeIfAbsent(className, x -> new ByteArrayOutputStream());
                            }
                        };
                    }
                }) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none");
            boolean ok = javac.getTask(null, fm, diags, options, null, units).call();
            assertThat(ok)
                    .as("the doc's examples compile: %s", diags.getDiagnostics())
                    .isTrue();
        }
        Map<String, byte[]> bytes = new HashMap<>();
        out.forEach((k, v) -> bytes.put(k, v.toByteArray()));
        return bytes;
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Runs {@code a} and returns what it printed on System.out (the examples print their results). */
    private static synchronized String stdout(Action a) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            a.run();
        } finally {
            System.setOut(saved);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        saved.print(s);
        return s;
    }
}
