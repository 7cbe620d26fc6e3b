package org.tao4j.runtime.dispatch;

/**
 * Thrown inside a call to abandon it; the dispatcher catches it, rolls the call's state changes back
 * and records the failure as an event. It never leaves the runtime. (Returning a value from every
 * nested helper would bury the protocol rules in plumbing, so the unwinding is an exception here and
 * a value everywhere outside.)
 */
public final class DispatchFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final DispatchError error;
    private final String detail;

    public DispatchFailure(DispatchError error, String detail) {
        super(error.name() + (detail == null || detail.isEmpty() ? "" : ": " + detail), null, false, false);
        this.error = error;
        this.detail = detail == null ? "" : detail;
    }

    public DispatchFailure(DispatchError error) {
        this(error, "");
    }

    public DispatchError error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    /** E.g. {@code SettingWeightsTooFast: 37 blocks left (rate limit 100)}. */
    public String display() {
        return getMessage();
    }

    /** Throws a failure unless {@code condition} holds. */
    public static void ensure(boolean condition, DispatchError error, String detail) {
        if (!condition) {
            throw new DispatchFailure(error, detail);
        }
    }

    public static void ensure(boolean condition, DispatchError error) {
        ensure(condition, error, "");
    }
}
