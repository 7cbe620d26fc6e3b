package org.tao4j.runtime.schema;

import java.util.List;
import org.tao4j.core.account.AccountId;

/** An open governance proposal (docs/spec/chain.md §6): the encoded call, who voted which way, and its deadline. */
public record Proposal(long id, AccountId proposer, byte[] call, List<AccountId> ayes, List<AccountId> nays, long end) {
    public Proposal {
        call = call.clone();
        ayes = List.copyOf(ayes);
        nays = List.copyOf(nays);
    }

    @Override
    public byte[] call() {
        return call.clone();
    }
}
