package org.tao4j.devnet;

/** {@code tao devnet}: the CLI delegates here ({@code DevnetMain.run(args)} returns the exit code). */
public final class DevnetMain {
    private DevnetMain() {}

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args);
        } catch (Throwable t) {
            // never a JVM kept alive by the node's threads after the devnet itself failed
            System.err.println("tao devnet: internal error (" + t + "); please report it");
            rc = 70;
        }
        System.exit(rc);
    }

    public static int run(String[] args) {
        return Devnet.run(args);
    }
}
