package org.tao4j.node.production;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.tao4j.runtime.ApplyResult;
import org.tao4j.runtime.BlockExecution;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * Applies a transaction whose signature the pool already verified, without verifying it again.
 *
 * <p>TEMPORARY WORKAROUND. The runtime has the operation ({@code BlockExecution.apply(Extrinsic,
 * boolean signatureChecked)}) but keeps it private; verification is the dominant per-transaction
 * cost, and doing it twice (admission and block) would cap throughput at half the verification
 * floor. Until the runtime exposes it (requested: {@code public ApplyResult applyVerified(Extrinsic)}
 * on {@link BlockExecution}), this reaches it through a private lookup, which works on the class
 * path. If the lookup fails (e.g. the runtime changed), it falls back to the public, verifying
 * {@link BlockExecution#apply}: slower, never wrong.
 */
final class PreverifiedApply {

    private static final MethodHandle APPLY = find();

    private PreverifiedApply() {
    }

    private static MethodHandle find() {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(BlockExecution.class, MethodHandles.lookup());
            return l.findVirtual(BlockExecution.class, "apply",
                    MethodType.methodType(ApplyResult.class, Extrinsic.class, boolean.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static boolean available() {
        return APPLY != null;
    }

    /** Applies {@code x}, trusting that its signature was verified for this chain. */
    static ApplyResult apply(BlockExecution b, Extrinsic x) {
        if (APPLY == null) {
            return b.apply(x);
        }
        try {
            return (ApplyResult) APPLY.invokeExact(b, x, true);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
