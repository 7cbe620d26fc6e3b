package org.tao4j.node.health;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Fail fast, and say so": a thread the node cannot live without (block production, block import,
 * the RPC acceptor) that meets an {@link Error}, or dies, ends the process with one log line and
 * exit code {@value #EXIT_CODE}, so that a supervisor restarts it. A restart is safe: every block is
 * committed whole or not at all (NodeCrashIT, NodeFaultsIT).
 *
 * <p>The action is process-wide; tests that embed a node may replace it ({@link #onFatal}).
 */
public final class Fatal {

    /** The exit code of a node that stopped because of a fatal failure at run time. */
    public static final int EXIT_CODE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(Fatal.class);
    private static final AtomicBoolean REPORTED = new AtomicBoolean();
    private static volatile Consumer<String> action = Fatal::exitProcess;

    private Fatal() {}

    /** Replaces what a fatal failure does (default: log the line and exit with {@value #EXIT_CODE}); for tests. */
    public static void onFatal(Consumer<String> a) {
        action = Objects.requireNonNull(a, "action");
        REPORTED.set(false);
    }

    /**
     * Reports a fatal failure of {@code what} (e.g. "block production"); only the first report acts.
     * Returns; the process exits from another thread, so the caller may simply end.
     */
    public static void report(String what, Throwable cause) {
        if (!REPORTED.compareAndSet(false, true)) {
            return;
        }
        String line;
        try {
            line = "fatal: " + what + (cause == null ? "" : " failed: " + describe(cause)) + "; exiting with code "
                    + EXIT_CODE + " so that a supervisor restarts the node";
        } catch (Throwable t) { // out of memory while building the message
            line = "fatal: " + what + " failed; exiting";
        }
        try {
            action.accept(line);
        } catch (Throwable t) {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }

    /** True for errors after which nothing in the process can be trusted, whatever thread met them. */
    public static boolean isFatalAnywhere(Throwable t) {
        // a StackOverflowError is a VirtualMachineError too, but it only ends the request that overflowed
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }

    private static void exitProcess(String line) {
        try {
            LOG.error("{}", line);
        } catch (Throwable t) {
            System.err.println(line);
        }
        try {
            // System.exit runs the shutdown hook, which waits for this (production) thread to end:
            // exit from another thread and let the caller return
            Thread.ofPlatform().name("fatal-exit").start(() -> System.exit(EXIT_CODE));
        } catch (Throwable t) {
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}
