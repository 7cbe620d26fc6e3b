package org.tao4j.node.health;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tao4j.node.production.ChainListener;

/**
 * Test-only faults for the failure-handling tests with real node processes (NodeFaultsIT), enabled
 * by the system property {@value #PROPERTY} (never set in production):
 *
 * <ul>
 *   <li>{@code oom@N}: at block N the block-production thread allocates until a real {@link
 *       OutOfMemoryError};
 *   <li>{@code error@N}: at block N it throws an {@link InternalError};
 *   <li>{@code stall@N}: at block N it blocks forever inside the block's commit (holding the
 *       chain's writer lock), as a hung block listener would;
 *   <li>{@code hang-shutdown@0}: the shutdown hangs before it starts closing (to test the hard
 *       deadline that halts it).
 * </ul>
 * The fault runs as a block listener, inside {@link org.tao4j.node.production.Chain#commit}, on
 * the producing thread, where a real one would strike.
 */
public final class FaultInjection {

    public static final String PROPERTY = "tao4j.test.fault";
    private static final Logger LOG = LoggerFactory.getLogger(FaultInjection.class);

    private FaultInjection() {}

    /** Called at the start of the shutdown: hangs forever if the property asks for it. */
    public static void beforeShutdown() {
        if ("hang-shutdown@0".equals(System.getProperty(PROPERTY))) {
            LOG.warn("test fault injection: the shutdown hangs");
            while (true) {
                LockSupport.park();
            }
        }
    }

    /** The listener the property asks for, or null. */
    public static ChainListener fromSystemProperty() {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank() || spec.startsWith("hang-shutdown@")) {
            return null;
        }
        int at = spec.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException(PROPERTY + " must be KIND@BLOCK, got '" + spec + "'");
        }
        String kind = spec.substring(0, at);
        long block = Long.parseLong(spec.substring(at + 1));
        LOG.warn("test fault injection enabled: {} at block #{}", kind, block);
        return switch (kind) {
            case "oom" ->
                b -> {
                    if (b.number() == block) {
                        List<long[]> hog = new ArrayList<>();
                        while (true) {
                            hog.add(new long[1 << 20]);
                        }
                    }
                };
            case "error" ->
                b -> {
                    if (b.number() == block) {
                        throw new InternalError("injected fault at block #" + block);
                    }
                };
            case "stall" ->
                b -> {
                    if (b.number() == block) {
                        while (true) {
                            LockSupport.park();
                        }
                    }
                };
            default -> throw new IllegalArgumentException(PROPERTY + ": unknown fault '" + kind + "'");
        };
    }
}
