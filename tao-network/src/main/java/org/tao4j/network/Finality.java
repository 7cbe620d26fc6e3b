package org.tao4j.network;

import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.production.Chain;
import org.tao4j.runtime.schema.ChainState;

/**
 * Checks and stores justifications: the authority set in force at block N is the one in the state of
 * its parent (docs/network.md, "Finality and justifications").
 */
final class Finality {

    private Finality() {}

    /** The authority set that justifies block {@code number}: the set in its parent's state. */
    static List<AccountId> authoritiesAt(Chain chain, long number) {
        if (number <= 0) {
            return chain.spec().authorities();
        }
        try (ChainStore.View v = chain.store().view()) {
            return new ChainState(v.stateAt(number - 1)).authorities();
        }
    }

    /**
     * Checks {@code j} against the set in force at its block, stores it and advances the finalized
     * head ({@link Chain#addJustification}, which also tells the chain's listeners); returns true when
     * the head moved.
     *
     * @throws Justification.Invalid with a one-line reason
     */
    static boolean add(Chain chain, Justification j) throws Justification.Invalid {
        return chain.addJustification(j);
    }
}
