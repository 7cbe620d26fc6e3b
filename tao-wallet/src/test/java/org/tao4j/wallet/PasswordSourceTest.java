package org.tao4j.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {
    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private Path file(String content, String mode) throws Exception {
        Path f = tmp.resolve("pw");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void firstLineWithoutItsLineEnding() throws Exception {
        assertThat(PasswordSource.file(file("s3cret\n", "rw-------"), warnings::add)
                        .password("x"))
                .containsExactly("s3cret".toCharArray());
        assertThat(PasswordSource.file(file("s3cret\r\nsecond line\n", "rw-------"), warnings::add)
                        .password("x"))
                .containsExactly("s3cret".toCharArray());
        assertThat(PasswordSource.file(file("no newline", "rw-------"), warnings::add)
                        .password("x"))
                .containsExactly("no newline".toCharArray());
        assertThat(PasswordSource.file(file("  spaces kept  \n", "rw-------"), warnings::add)
                        .password("x"))
                .containsExactly("  spaces kept  ".toCharArray());
        assertThat(PasswordSource.file(file("pässwörd ✓\n", "rw-------"), warnings::add)
                        .newPassword("x"))
                .containsExactly("pässwörd ✓".toCharArray());
        assertThat(warnings).isEmpty();
    }

    @Test
    void readableByOthersWarnsButWorks() throws Exception {
        Path f = file("pw\n", "rw-r--r--");
        PasswordSource source = PasswordSource.file(f, warnings::add);
        assertThat(source.password("x")).containsExactly('p', 'w');
        assertThat(source.password("again, for the hotkey")).containsExactly('p', 'w');
        // one bare sentence, once: the CLI adds its own "warning: " (it printed "warning: warning:" twice)
        assertThat(warnings)
                .containsExactly("password file " + f + " can be read by other users (rw-r--r--); run: chmod 600 " + f);
    }

    @Test
    void emptyMissingOrBinaryFilesAreClearErrors() throws Exception {
        Path empty = file("\nsecond", "rw-------");
        assertThatThrownBy(() -> PasswordSource.file(empty, warnings::add).password("x"))
                .isInstanceOfSatisfying(
                        WalletException.class,
                        e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.NO_PASSWORD))
                .hasMessage("password file " + empty + " is empty; put the password on its first line");
        Path missing = tmp.resolve("missing");
        assertThatThrownBy(() -> PasswordSource.file(missing, warnings::add).password("x"))
                .hasMessage("cannot read password file " + missing + ": no such file or directory");
        Path binary = tmp.resolve("bin");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThatThrownBy(() -> PasswordSource.file(binary, warnings::add).password("x"))
                .hasMessage("password file " + binary + " is not UTF-8 text");
    }

    @Test
    void fixedSourceHandsOutCopies() {
        char[] mine = "pw".toCharArray();
        PasswordSource s = PasswordSource.fixed(mine);
        java.util.Arrays.fill(mine, '\0');
        char[] first = s.password("x");
        assertThat(first).containsExactly('p', 'w');
        java.util.Arrays.fill(first, '\0');
        assertThat(s.password("x")).containsExactly('p', 'w');
    }
}
