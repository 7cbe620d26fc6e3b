package org.tao4j.cli;

/** Exit codes shared by every command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The chain refused the request. */
    public static final int CHAIN_REFUSED = 1;
    /** Bad usage or bad input. */
    public static final int USAGE = 2;
    /** The node cannot be reached. */
    public static final int UNREACHABLE = 3;
    /** A bug in tao4j itself. */
    public static final int INTERNAL = 70;

    private ExitCodes() {}
}
