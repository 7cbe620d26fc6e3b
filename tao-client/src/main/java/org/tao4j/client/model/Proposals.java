package org.tao4j.client.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.tao4j.core.account.AccountId;

/**
 * {@code tao_getProposals}: the current senate, the ayes a proposal needs to pass, and the open
 * proposals.
 */
public record Proposals(List<AccountId> senate, int ayesNeeded, List<Proposal> proposals) {

    public Proposals {
        senate = List.copyOf(senate);
        proposals = List.copyOf(proposals);
    }

    /**
     * One open proposal.
     *
     * @param call the proposed call, SCALE-encoded, as 0x-hex
     * @param decoded the call as JSON: {@code {"call": "SetGlobalParameter", "param": …, "value": …}}
     * @param end the last block in which it can pass
     */
    public record Proposal(
            long id,
            AccountId proposer,
            String call,
            JsonNode decoded,
            List<AccountId> ayes,
            List<AccountId> nays,
            long end) {
        public Proposal {
            ayes = List.copyOf(ayes);
            nays = List.copyOf(nays);
        }
    }
}
