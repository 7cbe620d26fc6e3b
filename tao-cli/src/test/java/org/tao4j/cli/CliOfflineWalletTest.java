package org.tao4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wallet commands that need no node: warnings for readable secrets, and $HOME. */
class CliOfflineWalletTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {}

    static Run tao(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TaoCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path passwordFile(String mode) throws Exception {
        Path f = tmp.resolve("pw-" + mode);
        Files.writeString(f, "correct horse\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void aReadablePasswordFileIsWarnedOnceAndAReadableKeyFileToo() throws Exception {
        Path wallets = tmp.resolve("wallets");
        Path pw = passwordFile("rw-r--r--");
        Run create = tao(
                "wallet",
                "create",
                "--wallet",
                "w",
                "--wallet-path",
                wallets.toString(),
                "--password-file",
                pw.toString(),
                "--encrypt-hotkey",
                "--kdf-memory",
                "8",
                "--kdf-iterations",
                "1",
                "--config",
                tmp.resolve("none.yaml").toString());
        assertThat(create.code()).as(create.err()).isZero();
        // the coldkey and the encrypted hotkey both read the file: one warning, one prefix
        assertThat(create.err()).doesNotContain("warning: warning:");
        assertThat(count(create.err(), "warning: password file " + pw + " can be read by other users"))
                .isEqualTo(1);

        Path coldkey = wallets.resolve("w").resolve("coldkey");
        Path hotkey = wallets.resolve("w").resolve("hotkeys").resolve("default");
        Run quiet = tao(
                "wallet",
                "sign",
                "--wallet",
                "w",
                "--wallet-path",
                wallets.toString(),
                "--message",
                "hi",
                "--password-file",
                passwordFile("rw-------").toString(),
                "--config",
                tmp.resolve("none.yaml").toString());
        assertThat(quiet.code()).as(quiet.err()).isZero();
        assertThat(quiet.err()).doesNotContain("warning");

        Files.setPosixFilePermissions(coldkey, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(hotkey, PosixFilePermissions.fromString("rw----r--"));
        for (String[] extra : List.of(new String[0], new String[] {"--json"}, new String[] {"-q"})) {
            List<String> args = new ArrayList<>(List.of(
                    "wallet",
                    "sign",
                    "--wallet",
                    "w",
                    "--wallet-path",
                    wallets.toString(),
                    "--message",
                    "hi",
                    "--password-file",
                    passwordFile("rw-------").toString(),
                    "--config",
                    tmp.resolve("none.yaml").toString()));
            args.addAll(List.of(extra));
            Run cold = tao(args.toArray(String[]::new));
            assertThat(cold.code()).as(cold.err()).isZero();
            assertThat(cold.err())
                    .contains("warning: key file " + coldkey
                            + " can be read by other users (rw-r--r--); run: chmod 600 " + coldkey);
            args.add("--use-hotkey");
            Run hot = tao(args.toArray(String[]::new));
            assertThat(hot.code()).as(hot.err()).isZero();
            assertThat(hot.err()).contains("warning: key file " + hotkey + " can be read by other users (rw----r--)");
        }
    }

    @Test
    void homeComesFromTheEnvironment() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Path pw = passwordFile("rw-------");
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        TaoCli.class.getName(),
                        "wallet",
                        "create",
                        "--wallet",
                        "viahome",
                        "--password-file",
                        pw.toString(),
                        "--kdf-memory",
                        "8",
                        "--kdf-iterations",
                        "1",
                        "-q")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("TAO_WALLET_PATH");
        pb.environment().remove("TAO_CONFIG");
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(home.resolve(".tao/wallets/viahome/coldkey")).isRegularFile();
        assertThat(home.resolve(".tao/wallets/viahome/hotkeys/default")).isRegularFile();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
