package org.tao4j.wallet;

/**
 * Argon2id (v1.3, RFC 9106) cost parameters, recorded in every encrypted keyfile so that old
 * files still open after the defaults change.
 *
 * @param memoryKib memory in KiB (at least 8 per lane)
 * @param iterations passes over memory
 * @param parallelism lanes
 */
public record KdfParams(int memoryKib, int iterations, int parallelism) {
    /** 64 MiB, 3 passes, 1 lane: about a quarter to half a second on a laptop. */
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);

    /**
     * Upper bounds for reading a file: a keyfile is untrusted input, and one asking for
     * terabytes of memory or millions of passes must be refused, not obeyed.
     */
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;

    static final int MAX_ITERATIONS = 100;
    static final int MAX_PARALLELISM = 16;

    public KdfParams {
        String problem = problem(memoryKib, iterations, parallelism);
        if (problem != null) {
            throw new IllegalArgumentException("bad Argon2id parameters: " + problem);
        }
    }

    /**
     * Deliberately weak parameters (64 KiB, 1 pass) for tests, which would otherwise spend most
     * of their time in Argon2. Never for real keys.
     */
    public static KdfParams insecureForTests() {
        return new KdfParams(64, 1, 1);
    }

    /** What is wrong with these values, or {@code null} if they are acceptable. */
    static String problem(long memoryKib, long iterations, long parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            return "parallelism " + parallelism + " is outside 1.." + MAX_PARALLELISM;
        }
        if (memoryKib < 8L * parallelism || memoryKib > MAX_MEMORY_KIB) {
            return "memory_kib " + memoryKib + " is outside " + 8 * parallelism + ".." + MAX_MEMORY_KIB;
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return "iterations " + iterations + " is outside 1.." + MAX_ITERATIONS;
        }
        return null;
    }
}
