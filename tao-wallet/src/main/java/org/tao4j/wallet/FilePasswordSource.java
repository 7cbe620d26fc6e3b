package org.tao4j.wallet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/** {@code --password-file FILE}: the file's first line is the password. */
final class FilePasswordSource implements PasswordSource {
    // a password file holds one line; anything this big is the wrong file
    static final int MAX_BYTES = 64 * 1024;

    private final Path file;
    private final Consumer<String> warnings;
    private boolean warned;

    FilePasswordSource(Path file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    @Override
    public char[] password(String prompt) {
        warnIfShared();
        byte[] raw;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw noPassword(
                        "is larger than " + MAX_BYTES + " bytes; it should hold the password on its first line");
            }
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WalletException(
                    WalletException.Reason.NO_PASSWORD,
                    "cannot read password file " + file + ": " + SecureFiles.describe(e),
                    e);
        }
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
        } catch (CharacterCodingException e) {
            throw noPassword("is not UTF-8 text");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
        try {
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n') {
                end++;
            }
            if (end > 0 && chars.get(end - 1) == '\r') {
                end--; // a file saved with Windows line endings
            }
            if (end == 0) {
                throw noPassword("is empty; put the password on its first line");
            }
            char[] password = new char[end];
            chars.get(0, password);
            return password;
        } finally {
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    // once per source: a command that unlocks a coldkey and a hotkey reads the file twice
    private void warnIfShared() {
        if (warned) {
            return;
        }
        SecureFiles.readableByOthers(file).ifPresent(perms -> {
            warned = true;
            warnings.accept(
                    "password file " + file + " can be read by other users (" + perms + "); run: chmod 600 " + file);
        });
    }

    private WalletException noPassword(String problem) {
        return new WalletException(WalletException.Reason.NO_PASSWORD, "password file " + file + " " + problem);
    }
}
