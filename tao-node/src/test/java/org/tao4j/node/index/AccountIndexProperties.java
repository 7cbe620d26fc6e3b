package org.tao4j.node.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.tao4j.core.account.AccountId;
import org.tao4j.node.TestNet;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.pool.PoolRejection;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * The account index against the chain (issue 15): after a random history of transfers, stake calls,
 * registrations, weights and epochs (rewards), on a real chain in RocksDB, every account's listed
 * history sums to its free balance, and each of its stake positions' entries to that stake; nothing
 * is left unexplained ({@code other}) by calls the index itemizes; paging in any page size lists
 * the same entries; and an index closed for some blocks catches up from the chain when reopened.
 */
class AccountIndexProperties {

    static final long TAO = 1_000_000_000L;
    static final List<String> NAMES = DevAccounts.NAMES;

    @Property(tries = 12)
    void everyAccountsHistorySumsToItsBalanceAndStake(
            @ForAll long seed,
            @ForAll @IntRange(min = 4, max = 14) int blocks,
            @ForAll @IntRange(min = 0, max = 14) int closedAt)
            throws Exception {
        Path dir = Files.createTempDirectory("tao-index-prop");
        try (TestNet net = new TestNet(dir.resolve("db"), 256)) {
            Path ixDir = dir.resolve("index");
            AccountIndex[] ix = {AccountIndex.open(ixDir, net.chain.store())};
            boolean[] open = {true};
            net.chain.addListener(b -> {
                if (open[0]) {
                    ix[0].onBlock(b);
                }
            });
            Random r = new Random(seed);
            // a subnet with tempo 2 (epochs every few blocks), two neurons, stake and a validator's weights
            step(net, "Alice", new Call.RegisterNetwork(TestNet.id("Eve")));
            int netuid = net.chain.headState().subnets().stream()
                    .filter(s -> s.netuid() != 0)
                    .findFirst()
                    .orElseThrow()
                    .netuid();
            step(net, "Bob", new Call.BurnedRegister(netuid, TestNet.id("Bob")));
            step(net, "Charlie", new Call.BurnedRegister(netuid, TestNet.id("Charlie")));
            step(
                    net,
                    "Alice",
                    new Call.Sudo(new Call.SetSubnetParameter(netuid, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, 0)));
            step(net, "Alice", new Call.Sudo(new Call.SetSubnetParameter(netuid, Hyperparameter.TEMPO, 2)));
            step(net, "Dave", new Call.AddStake(TestNet.id("Bob"), 300 * TAO));
            for (int i = 0; i < blocks; i++) {
                if (i == closedAt) { // the node ran without the index for a while
                    open[0] = false; // (blocks still queued are dropped: read back from the chain on reopening)
                    ix[0].close();
                }
                if (i == closedAt + 3) {
                    ix[0] = AccountIndex.open(ixDir, net.chain.store());
                    open[0] = true;
                }
                List<String> signers = new ArrayList<>(NAMES);
                java.util.Collections.shuffle(signers, r);
                List<Extrinsic> xs = new ArrayList<>();
                for (String who : signers.subList(0, 1 + r.nextInt(4))) {
                    xs.add(sign(net, who, randomCall(r, who, netuid, net.chain.headState())));
                }
                for (Extrinsic x : xs) {
                    try {
                        net.pool.submit(x, null);
                    } catch (PoolRejection e) {
                        // e.g. cannot pay the fee: not included, not indexed
                    }
                }
                net.block();
            }
            if (!open[0]) {
                ix[0] = AccountIndex.open(ixDir, net.chain.store());
            }
            assertThat(ix[0].awaitIndexed(net.chain.head().number(), java.time.Duration.ofMinutes(1)))
                    .as("the index thread reaches the head")
                    .isTrue();
            assertThat(ix[0].indexedTo()).isEqualTo(net.chain.head().number());
            assertThat(ix[0].indexedFrom()).isZero();
            ChainState s = net.chain.headState();
            boolean rewards = false;
            for (String name : NAMES) {
                AccountId a = TestNet.id(name);
                List<HistoryEntry> all = all(ix[0], a, AccountIndex.MAX_LIMIT);
                assertThat(all(ix[0], a, 1 + r.nextInt(7)))
                        .as("paged in small pages")
                        .isEqualTo(all);
                long free = 0;
                Map<AccountId, Long> stake = new TreeMap<>();
                for (HistoryEntry e : all) {
                    free += e.free();
                    assertThat(e.fee()).isGreaterThanOrEqualTo(0);
                    if (e.stake() != 0) {
                        stake.merge(e.hotkey(), e.stake(), Long::sum);
                    }
                    assertThat(e.kind()).as("%s: %s", name, e).isNotEqualTo(HistoryEntry.Kind.OTHER);
                    rewards |= e.kind() == HistoryEntry.Kind.REWARD;
                }
                assertThat(free)
                        .as("%s's history sums to its free balance", name)
                        .isEqualTo(s.free(a));
                for (String hot : NAMES) {
                    AccountId h = TestNet.id(hot);
                    assertThat(stake.getOrDefault(h, 0L))
                            .as("%s's stake on %s", name, hot)
                            .isEqualTo(s.stake(h, a));
                }
                // newest first
                for (int i = 1; i < all.size(); i++) {
                    assertThat(all.get(i).block())
                            .isLessThanOrEqualTo(all.get(i - 1).block());
                }
            }
            assertThat(rewards).as("epochs credited rewards").isTrue();
            ix[0].close();
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<HistoryEntry> all(AccountIndex ix, AccountId a, int limit) {
        List<HistoryEntry> out = new ArrayList<>();
        AccountIndex.Cursor c = null;
        do {
            AccountIndex.Page p = ix.history(a, c, limit);
            assertThat(p.entries().size()).isLessThanOrEqualTo(limit);
            out.addAll(p.entries());
            c = p.next();
        } while (c != null);
        return out;
    }

    static Call randomCall(Random r, String who, int netuid, ChainState s) {
        AccountId other = TestNet.id(NAMES.get(r.nextInt(NAMES.size())));
        AccountId hot = TestNet.id(List.of("Bob", "Charlie", "Eve").get(r.nextInt(3)));
        long amount = r.nextInt(10) == 0 ? 10_000_000 * TAO : (1 + r.nextInt(40)) * TAO / (1 + r.nextInt(3));
        return switch (r.nextInt(11)) {
            case 0, 1, 2 -> new Call.Transfer(other, amount);
            case 3 -> new Call.AddStake(hot, amount);
            case 4 -> new Call.RemoveStake(hot, amount / 2);
            case 5 -> new Call.MoveStake(hot, TestNet.id("Charlie"), amount / 3);
            case 6 -> new Call.TransferStake(other, hot, amount / 3);
            case 7 -> new Call.UnstakeAll(hot);
            case 8 -> new Call.BurnedRegister(netuid, TestNet.id(who));
            case 9 ->
                who.equals("Bob")
                        ? new Call.SetWeights(
                                netuid, new int[] {s.uid(netuid, TestNet.id("Charlie"))}, new int[] {65535}, 0)
                        : new Call.Transfer(other, amount);
            default ->
                r.nextInt(4) == 0 && !who.equals("Alice") ? new Call.TransferAll(other) : new Call.Transfer(other, 1);
        };
    }

    static Extrinsic sign(TestNet net, String who, Call c) {
        long nonce = net.chain.headState().account(TestNet.id(who)).nonce();
        return Extrinsic.sign(
                TestNet.key(who),
                nonce,
                0,
                net.chain.head().number() + 100,
                c,
                net.chain.runtime().genesisHash());
    }

    /** One transaction in its own block. */
    static ImportedBlock step(TestNet net, String who, Call c) {
        net.submit(sign(net, who, c));
        ImportedBlock b = net.block();
        assertThat(b.events()).as("%s by %s", c, who).noneMatch(e -> e instanceof Event.ExtrinsicFailed);
        return b;
    }
}
