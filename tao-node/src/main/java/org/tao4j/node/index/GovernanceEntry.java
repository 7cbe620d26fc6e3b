package org.tao4j.node.index;

import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.core.scale.ScaleWriter;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.governance.Governance;

/**
 * A governance event the index keeps with the blocks, so that what passed stays visible after the
 * proposal has left the state (docs/explorer.md "Governance").
 *
 * @param block the block it happened in
 * @param seq its position among the block's governance entries
 * @param kind {@code proposed}, {@code voted}, {@code passed} (executed; {@code ok} says whether the
 *     call itself succeeded), {@code rejected} (its nays made passing impossible) or {@code expired}
 * @param account the proposer or voter, or null
 * @param aye a vote's side
 * @param message the executed call's error, if any
 */
public record GovernanceEntry(
        long block, int seq, long proposalId, String kind, AccountId account, boolean aye, boolean ok, String message) {

    static final List<String> KINDS = List.of("proposed", "voted", "passed", "rejected", "expired");

    /** The governance entries among a block's events, in order. */
    static List<GovernanceEntry> of(long block, List<Event> events) {
        List<GovernanceEntry> out = new ArrayList<>();
        for (Event e : events) {
            switch (e) {
                case Event.Proposed p ->
                    out.add(new GovernanceEntry(
                            block, out.size(), p.proposalId(), "proposed", p.proposer(), false, true, ""));
                case Event.Voted v ->
                    out.add(new GovernanceEntry(
                            block, out.size(), v.proposalId(), "voted", v.voter(), v.aye(), true, ""));
                case Event.ProposalExecuted x -> {
                    boolean rejected = !x.ok() && Governance.REJECTED.equals(x.message());
                    out.add(new GovernanceEntry(
                            block,
                            out.size(),
                            x.proposalId(),
                            rejected ? "rejected" : "passed",
                            null,
                            false,
                            x.ok(),
                            rejected || x.message() == null ? "" : x.message()));
                }
                case Event.ProposalExpired x ->
                    out.add(new GovernanceEntry(block, out.size(), x.proposalId(), "expired", null, false, false, ""));
                default -> {}
            }
        }
        return out;
    }

    byte[] encode() {
        return ScaleWriter.encode(w -> {
            w.u64(proposalId).u8(KINDS.indexOf(kind)).bool(aye).bool(ok);
            w.u8(account == null ? 0 : 1);
            if (account != null) {
                w.fixedBytes(account.bytes());
            }
            String m = message == null ? "" : message;
            w.string(m.length() > 512 ? m.substring(0, 512) : m);
        });
    }

    static GovernanceEntry decode(long block, int seq, byte[] v) {
        ScaleReader r = new ScaleReader(v);
        long id = r.readU64();
        String kind = KINDS.get(r.readU8());
        boolean aye = r.readBool();
        boolean ok = r.readBool();
        AccountId a = r.readU8() == 1 ? new AccountId(r.readFixedBytes(AccountId.LENGTH)) : null;
        return new GovernanceEntry(block, seq, id, kind, a, aye, ok, r.readString());
    }
}
