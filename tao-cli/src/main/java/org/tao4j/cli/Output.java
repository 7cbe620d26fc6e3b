package org.tao4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * What a command prints: results on stdout (human lines, or one JSON document with --json), progress
 * and context on stderr (not with --json or -q), warnings on stderr always.
 */
public final class Output {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Opts opts;
    public final PrintWriter out;
    public final PrintWriter err;

    Output(Opts opts, PrintWriter out, PrintWriter err) {
        this.opts = opts;
        this.out = out;
        this.err = err;
    }

    public boolean json() {
        return opts.json;
    }

    public boolean quiet() {
        return opts.quiet;
    }

    /** A human line on stdout (not in --json mode). */
    public void say(String line) {
        if (!opts.json) {
            out.println(line);
            out.flush();
        }
    }

    /** A progress / context line on stderr (not with --json or --quiet). */
    public void note(String line) {
        if (!opts.json && !opts.quiet) {
            err.println(line);
            err.flush();
        }
    }

    /** A warning on stderr, always (also with --json and --quiet: stdout stays clean, and it matters). */
    public void warn(String line) {
        err.println("warning: " + line);
        err.flush();
    }

    /** The JSON document (only in --json mode). */
    public void emit(Object node) {
        if (opts.json) {
            try {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            out.flush();
        }
    }

    public ObjectNode obj() {
        return JSON.createObjectNode();
    }

    public ArrayNode arr() {
        return JSON.createArrayNode();
    }

    public String amount(long rao) {
        return Amounts.show(rao, opts.rao);
    }

    public static boolean tty() {
        return System.console() != null;
    }
}
