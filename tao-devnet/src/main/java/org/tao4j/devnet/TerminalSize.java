package org.tao4j.devnet;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's size for the live view: {@code stty size} read from {@code /dev/tty} (what JLine does
 * on Unix, without the dependency), else {@code $COLUMNS}/{@code $LINES}, else 130×32. Cheap enough to
 * ask every couple of seconds, so a resized window is followed.
 */
record TerminalSize(int columns, int rows) {
    static final TerminalSize FALLBACK = new TerminalSize(130, 32);
    /** Narrower than this, the view could not show a uid and a share: it is drawn for this width. */
    static final int MIN_COLUMNS = 40;

    static final int MIN_ROWS = 10;

    static TerminalSize detect() {
        TerminalSize s = stty();
        if (s != null) {
            return s;
        }
        s = parse(System.getenv("LINES") + " " + System.getenv("COLUMNS"));
        return s != null ? s : FALLBACK;
    }

    private static TerminalSize stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("stty", "size")
                    .redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return parse(new String(p.getInputStream().readNBytes(64), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code "ROWS COLUMNS"} as stty prints it; null if it is not two positive numbers. */
    static TerminalSize parse(String text) {
        if (text == null) {
            return null;
        }
        String[] p = text.strip().split("\\s+");
        if (p.length != 2) {
            return null;
        }
        try {
            int rows = Integer.parseInt(p[0]);
            int cols = Integer.parseInt(p[1]);
            if (rows <= 0 || cols <= 0) {
                return null;
            }
            return new TerminalSize(Math.max(MIN_COLUMNS, cols), Math.max(MIN_ROWS, rows));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
