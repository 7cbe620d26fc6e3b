package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.RootFixture.params;
import static org.tao4j.runtime.RootFixture.stake;
import static org.tao4j.runtime.RootFixture.unstake;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.governance.Governance;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.schema.Proposal;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.GlobalParameter;
import org.tao4j.runtime.tx.Hyperparameter;

/** docs/spec/chain.md §6 "Governance": the senate, proposals and votes, and the dev chain's sudo key. */
class GovernanceTest {

    private static final String[] ACCOUNTS = {"alice", "h1", "h2", "h3", "h4", "whale", "sudo"};

    /**
     * Root members h1 (1000 TAO), h2 (500), h3 (500), h4 (50) at uids 0..3, and 3000 TAO staked
     * outside root: total 5050 TAO, so the 1% floor is 50.5 TAO and the senate is h1, h2, h3.
     */
    private static TestChain senateChain(ChainParams p) {
        TestChain c = new TestChain(p, 1_000_000 * TAO, ACCOUNTS);
        stake(c, "alice", "h1", 1_000 * TAO);
        stake(c, "alice", "h2", 500 * TAO);
        stake(c, "alice", "h3", 500 * TAO);
        stake(c, "alice", "h4", 50 * TAO);
        stake(c, "whale", "w-hk", 3_000 * TAO);
        c.block(
                c.tx("alice", new Call.RootRegister(id("h1"))), c.tx("alice", new Call.RootRegister(id("h2"))),
                c.tx("alice", new Call.RootRegister(id("h3"))), c.tx("alice", new Call.RootRegister(id("h4"))));
        assertThat(c.state().subnet(0).n()).isEqualTo(4);
        return c;
    }

    private static TestChain senateChain() {
        return senateChain(ChainParams.dev());
    }

    private static Call.Propose propose(GlobalParameter g, long v) {
        return new Call.Propose(new Call.SetGlobalParameter(g, v));
    }

    private static Call.Vote vote(long id, boolean aye) {
        return new Call.Vote(id, aye);
    }

    // ---------------------------------------------------------------- senate

    @Test
    void senateIsTheTopStakedRootMembersAboveTheOnePercentFloor() {
        TestChain c = senateChain();
        assertThat(Governance.senate(c.state())).containsExactly(id("h1"), id("h2"), id("h3"));

        // 51 of 5051 TAO is above 1%: h4 joins
        stake(c, "alice", "h4", TAO);
        assertThat(Governance.senate(c.state())).containsExactly(id("h1"), id("h2"), id("h3"), id("h4"));

        // a senate of 2: h2 and h3 tie at 500, the lower uid wins
        ChainState s = c.state();
        ChainParams p = s.params();
        s.setParams(params(p.rootSlots(), p.rootTempo(), p.networkRateLimit(), 2, p.proposalDuration()));
        assertThat(Governance.senate(c.state())).containsExactly(id("h1"), id("h2"));

        // a root member with no stake is never a senator, even with no stake anywhere
        TestChain empty = new TestChain("alice", "h1");
        empty.ok("alice", new Call.RootRegister(id("h1")));
        assertThat(Governance.senate(empty.state())).isEmpty();
    }

    // ---------------------------------------------------------------- proposals

    @Test
    void aMajorityOfAyesExecutesTheProposalInTheBlockItPasses() {
        TestChain c = senateChain();
        int before = c.state().params().subnetLimit();
        c.ok("h1", propose(GlobalParameter.SUBNET_LIMIT, 64));
        assertThat(c.events()).contains(new Event.Proposed(0, id("h1")));
        Proposal p = c.state().proposal(0);
        assertThat(p.ayes()).containsExactly(id("h1"));
        assertThat(p.nays()).isEmpty();
        assertThat(p.end()).isEqualTo(c.number() + c.state().params().proposalDuration());
        assertThat(c.state().params().subnetLimit()).isEqualTo(before);

        c.ok("h2", vote(0, true)); // 2 of 3
        assertThat(c.events())
                .containsSubsequence(
                        new Event.Voted(0, id("h2"), true, 2, 0),
                        new Event.GlobalParameterSet("subnet_limit", 64),
                        new Event.ProposalExecuted(0, true, "ok"));
        assertThat(c.state().params().subnetLimit()).isEqualTo(64);
        assertThat(c.state().proposal(0)).isNull();
        assertThat(c.state().proposals()).isEmpty();
        c.fails("h3", vote(0, true), "ProposalNotFound");
        assertThat(c.state().nextProposalId()).isEqualTo(1);
    }

    @Test
    void subnetParameterChangesMayBeProposed() {
        TestChain c = senateChain();
        c.ok("h1", new Call.Propose(new Call.SetSubnetParameter(1, Hyperparameter.TEMPO, 99)));
        assertThat(c.state().proposal(0)).isNotNull();
    }

    @Test
    void nayVotesFromHalfTheSenateRejectTheProposal() {
        TestChain c = senateChain();
        c.ok("h1", propose(GlobalParameter.SUBNET_LIMIT, 64));
        c.ok("h2", vote(0, false)); // 1 aye, 1 nay of 3: still open
        assertThat(c.state().proposal(0).nays()).containsExactly(id("h2"));
        c.fails("h2", vote(0, false), "DuplicateVote");
        c.fails("h1", vote(0, true), "DuplicateVote");
        c.ok("h3", vote(0, false)); // 2 nays of 3: no majority possible
        assertThat(c.events()).contains(new Event.ProposalExecuted(0, false, Governance.REJECTED));
        assertThat(c.state().proposal(0)).isNull();
        assertThat(c.state().params().subnetLimit()).isEqualTo(ChainParams.dev().subnetLimit());
    }

    @Test
    void aMemberMaySwitchItsVote() {
        TestChain c = senateChain();
        c.ok("h1", propose(GlobalParameter.MIN_LOCK, 5 * TAO));
        c.ok("h2", vote(0, false));
        c.ok("h2", vote(0, true));
        assertThat(c.events())
                .contains(new Event.Voted(0, id("h2"), true, 2, 0), new Event.ProposalExecuted(0, true, "ok"));
        assertThat(c.state().params().minLock()).isEqualTo(5 * TAO);
    }

    @Test
    void onlyVotesOfCurrentSenateMembersCount() {
        TestChain c = senateChain();
        c.ok("h1", propose(GlobalParameter.SUBNET_LIMIT, 64));
        unstake(c, "alice", "h1", 1_000 * TAO); // h1 leaves; h4's 50 of 4050 TAO is now above 1%
        assertThat(Governance.senate(c.state())).containsExactly(id("h2"), id("h3"), id("h4"));
        c.ok("h2", vote(0, true)); // h1's aye no longer counts: 1 of 3 is not a majority
        assertThat(c.state().proposal(0)).isNotNull();
        c.fails("h1", vote(0, true), "NotSenateMember");
        c.ok("h3", vote(0, true)); // 2 of 3
        assertThat(c.events()).contains(new Event.ProposalExecuted(0, true, "ok"));
        assertThat(c.state().params().subnetLimit()).isEqualTo(64);
    }

    @Test
    void aOneMemberSenateExecutesOnProposal() {
        TestChain c = senateChain(params(64, 100, 1, 1, 50_400));
        assertThat(Governance.senate(c.state())).containsExactly(id("h1"));
        c.ok("h1", propose(GlobalParameter.DEFAULT_MAX_ALLOWED_VALIDATORS, 128));
        assertThat(c.events())
                .containsSubsequence(
                        new Event.Proposed(0, id("h1")),
                        new Event.GlobalParameterSet("default_max_allowed_validators", 128),
                        new Event.ProposalExecuted(0, true, "ok"));
        assertThat(c.state().params().defaultMaxAllowedValidators()).isEqualTo(128);
        assertThat(c.state().proposals()).isEmpty();
    }

    @Test
    void aFailingProposedCallIsReportedAndTheVoteStands() {
        TestChain c = senateChain();
        c.ok("h1", propose(GlobalParameter.DEFAULT_MAX_ALLOWED_VALIDATORS, 0));
        c.ok("h2", vote(0, true)); // the vote transaction succeeds
        Event.ProposalExecuted done = c.events().stream()
                .filter(e -> e instanceof Event.ProposalExecuted)
                .map(e -> (Event.ProposalExecuted) e)
                .findFirst()
                .orElseThrow();
        assertThat(done.ok()).isFalse();
        assertThat(done.message()).startsWith("InvalidGlobalParameter");
        assertThat(c.events()).noneMatch(e -> e instanceof Event.GlobalParameterSet);
        assertThat(c.state().proposal(0)).isNull();
        assertThat(c.state().params().defaultMaxAllowedValidators())
                .isEqualTo(ChainParams.dev().defaultMaxAllowedValidators());
    }

    @Test
    void proposalsExpireAfterTheProposalDuration() {
        TestChain c = senateChain(params(64, 100, 1, 12, 5));
        c.ok("h1", propose(GlobalParameter.SUBNET_LIMIT, 64));
        long end = c.number() + 5;
        assertThat(c.state().proposal(0).end()).isEqualTo(end);
        c.advance((int) (end - 1 - c.number()));
        c.ok("h2", vote(0, false)); // block `end`: still open
        assertThat(c.events()).noneMatch(e -> e instanceof Event.ProposalExpired);
        assertThat(c.state().proposal(0)).isNotNull();

        c.fails("h3", vote(0, true), "ProposalNotFound"); // block end + 1: too late, and it expires
        assertThat(c.events()).contains(new Event.ProposalExpired(0));
        assertThat(c.state().proposal(0)).isNull();
        assertThat(c.state().params().subnetLimit()).isEqualTo(ChainParams.dev().subnetLimit());
    }

    @Test
    void onlySenatorsProposeAndVoteAndOnlyParameterChanges() {
        TestChain c = senateChain();
        c.fails("h4", propose(GlobalParameter.SUBNET_LIMIT, 64), "NotSenateMember"); // a root member below 1%
        c.fails("whale", propose(GlobalParameter.SUBNET_LIMIT, 64), "NotSenateMember");
        c.fails("h1", new Call.Propose(new Call.Transfer(id("h1"), TAO)), "ProposalNotAllowed");
        c.fails("h1", new Call.Propose(new Call.RootRegister(id("whale"))), "ProposalNotAllowed");
        c.fails("h1", vote(99, true), "ProposalNotFound");
        c.ok("h1", propose(GlobalParameter.SUBNET_LIMIT, 64));
        c.fails("h4", vote(0, true), "NotSenateMember");
        c.fails("alice", vote(0, true), "NotSenateMember");
        assertThat(c.state().proposal(0).ayes()).containsExactly(id("h1"));
    }

    @Test
    void atMostTwentyProposalsAreOpen() {
        TestChain c = senateChain();
        List<Extrinsic> txs = new ArrayList<>();
        for (int i = 0; i <= Governance.MAX_PROPOSALS; i++) {
            txs.add(c.tx("h1", propose(GlobalParameter.SUBNET_LIMIT, 40 + i)));
        }
        List<ApplyResult> rs = c.block(txs.toArray(Extrinsic[]::new));
        for (int i = 0; i < Governance.MAX_PROPOSALS; i++) {
            assertThat(((ApplyResult.Included) rs.get(i)).error()).isNull();
        }
        assertThat(((ApplyResult.Included) rs.get(Governance.MAX_PROPOSALS)).error())
                .isEqualTo("TooManyProposals");
        assertThat(c.state().proposals()).hasSize(Governance.MAX_PROPOSALS);
    }

    @Test
    void setGlobalParameterNeedsRootOrigin() {
        TestChain c = senateChain();
        c.fails("alice", new Call.SetGlobalParameter(GlobalParameter.SUBNET_LIMIT, 64), "NotAllowedToChange");
        c.fails("h1", new Call.SetGlobalParameter(GlobalParameter.SUBNET_LIMIT, 64), "NotAllowedToChange");
    }

    // ---------------------------------------------------------------- sudo

    private static Event.Sudid sudid(TestChain c) {
        return c.events().stream()
                .filter(e -> e instanceof Event.Sudid)
                .map(e -> (Event.Sudid) e)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void sudoRunsACallWithRootOriginOnADevChain() {
        TestChain c = new TestChain("alice", "sudo");
        c.ok("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.MIN_LOCK, 5 * TAO)));
        assertThat(c.events())
                .containsSubsequence(new Event.GlobalParameterSet("min_lock", 5 * TAO), new Event.Sudid(true, "ok"));
        assertThat(c.state().params().minLock()).isEqualTo(5 * TAO);

        c.ok("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.PER_BYTE_FEE, 2_000)));
        assertThat(c.state().params().perByteFee()).isEqualTo(2_000);
        c.ok("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.NETWORK_RATE_LIMIT, 0)));
        assertThat(c.state().params().networkRateLimit()).isZero();
    }

    @Test
    void onlyTheSudoKeyMaySudo() {
        TestChain c = new TestChain("alice", "sudo");
        c.fails("alice", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.MIN_LOCK, 5 * TAO)), "NotSudo");
        assertThat(c.state().params().minLock()).isEqualTo(ChainParams.dev().minLock());

        c.state().setSudoKey(null); // as on a live chain
        c.fails("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.MIN_LOCK, 5 * TAO)), "NoSudo");
    }

    @Test
    void aFailingInnerCallIsReportedInSudidAndRolledBack() {
        TestChain c = new TestChain("alice", "sudo");
        ApplyResult.Included r =
                c.ok("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.SUBNET_LIMIT, 0)));
        assertThat(r.error()).isNull();
        assertThat(c.events()).anyMatch(e -> e instanceof Event.ExtrinsicSuccess);
        Event.Sudid d = sudid(c);
        assertThat(d.ok()).isFalse();
        assertThat(d.message()).startsWith("InvalidGlobalParameter").contains("subnet_limit");
        assertThat(c.state().params().subnetLimit()).isEqualTo(ChainParams.dev().subnetLimit());

        // out of range: fees that could price the senate out
        c.ok("sudo", new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.BASE_FEE, 2 * TAO)));
        assertThat(sudid(c).ok()).isFalse();
        c.ok(
                "sudo",
                new Call.Sudo(new Call.SetGlobalParameter(GlobalParameter.DEFAULT_MAX_ALLOWED_VALIDATORS, 65_536)));
        assertThat(sudid(c).ok()).isFalse();

        // a call that needs a signer fails under root origin; nothing moves
        long alice = c.free("alice");
        c.ok("sudo", new Call.Sudo(new Call.Transfer(id("alice"), TAO)));
        assertThat(sudid(c).ok()).isFalse();
        assertThat(sudid(c).message()).startsWith("BadOrigin");
        assertThat(c.free("alice")).isEqualTo(alice);
    }
}
