package org.tao4j.client.model;

import java.util.List;
import org.tao4j.core.account.AccountId;

/** {@code tao_getCommitments}: a subnet's published commitments (docs/spec/chain.md §11). */
public record Commitments(int netuid, List<Entry> commitments) {

    public Commitments {
        commitments = List.copyOf(commitments);
    }

    /** One commitment: hotkey, uid, the block it was set at, data as 0x-hex, and the text if it is UTF-8 (else null). */
    public record Entry(AccountId hotkey, int uid, long block, String data, String text) {}
}
