package org.tao4j.devnet;

/** {@code tao devnet}: the CLI delegates here ({@code DevnetMain.run(args)} returns the exit code). */
public final class DevnetMain {
    private DevnetMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return Devnet.run(args);
    }
}
