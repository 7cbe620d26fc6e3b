package org.tao4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tao4j.runtime.TestChain.TAO;
import static org.tao4j.runtime.TestChain.id;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;
import org.tao4j.runtime.tx.Hyperparameter;

/**
 * docs/spec/chain.md §8 over random histories: thousands of random transactions (valid and invalid, of every
 * kind) in hundreds of blocks. After every block TestChain checks issuance == free + stake + locks +
 * pending, issuance <= 21M, no negative balance and the existential deposit; a second chain replaying
 * the same blocks must reach the same state root at every block.
 */
class RuntimeProperties {

    static final String[] COLD = {"c0", "c1", "c2", "c3"};
    static final String[] HOT = {"h0", "h1", "h2", "h3", "h4", "h5"};

    @Property(tries = 12)
    void invariantsHoldAndReplayGivesTheSameRoots(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed) {
        List<String> accounts = new ArrayList<>(Arrays.asList(COLD));
        accounts.addAll(Arrays.asList(HOT));
        String[] all = accounts.toArray(String[]::new);
        TestChain a = new TestChain(ChainParams.dev(), 5_000 * TAO, all);
        TestChain b = new TestChain(ChainParams.dev(), 5_000 * TAO, all);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int block = 0; block < 150; block++) {
            int n = rnd.nextInt(8);
            List<Extrinsic> xa = new ArrayList<>();
            List<Extrinsic> xb = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                boolean hotSigner = rnd.nextInt(3) == 0;
                String who = hotSigner ? pick(rnd, HOT) : pick(rnd, COLD);
                Call call = randomCall(rnd, hotSigner);
                xa.add(a.tx(who, call));
                xb.add(b.tx(who, call));
            }
            a.block(xa.toArray(Extrinsic[]::new));
            b.block(xb.toArray(Extrinsic[]::new));
            assertThat(b.root()).as("replayed root at block %d", a.number()).isEqualTo(a.root());
        }
    }

    private static String pick(SplittableRandom r, String[] xs) {
        return xs[r.nextInt(xs.length)];
    }

    private static long amount(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> r.nextLong(1_000);                 // dust, below minimums
            case 1 -> r.nextLong(10 * TAO);
            case 2 -> r.nextLong(1_000 * TAO);
            case 3 -> 100_000 * TAO;                      // more than anyone holds
            default -> TAO;
        };
    }

    private static int[] uids(SplittableRandom r) {
        int len = r.nextInt(5);
        int[] u = new int[len];
        for (int i = 0; i < len; i++) {
            u[i] = r.nextInt(8);
        }
        return u;
    }

    private static int[] values(SplittableRandom r, int len) {
        int[] v = new int[len];
        for (int i = 0; i < len; i++) {
            v[i] = r.nextInt(65536);
        }
        return v;
    }

    static Call randomCall(SplittableRandom r, boolean hotSigner) {
        int netuid = r.nextInt(4);
        if (hotSigner) {
            return switch (r.nextInt(4)) {
                case 0 -> {
                    int[] d = uids(r);
                    yield new Call.SetWeights(netuid, d, values(r, d.length), 0);
                }
                case 1 -> new Call.ServeAxon(netuid, new byte[] {10, 0, 0, (byte) r.nextInt(256)}, 1 + r.nextInt(65535),
                        4, 0, 1);
                case 2 -> {
                    int[] d = {1, 2, 0};
                    yield new Call.SetRootWeights(Arrays.copyOf(d, 1 + r.nextInt(3)), values(r, 1 + r.nextInt(3)));
                }
                default -> new Call.Transfer(id(pick(r, COLD)), amount(r));
            };
        }
        if (r.nextInt(12) == 0) {
            return keyCall(r);
        }
        return switch (r.nextInt(11)) {
            case 0, 1 -> new Call.Transfer(id(r.nextBoolean() ? pick(r, COLD) : pick(r, HOT)), amount(r));
            case 2 -> new Call.TransferAll(id(pick(r, COLD)));
            case 3 -> new Call.RegisterNetwork(id(pick(r, HOT)));
            case 4, 5 -> new Call.BurnedRegister(netuid, id(pick(r, HOT)));
            case 6 -> new Call.AddStake(id(pick(r, HOT)), amount(r));
            case 7 -> new Call.RemoveStake(id(pick(r, HOT)), amount(r));
            case 8 -> new Call.RootRegister(id(pick(r, HOT)));
            case 9 -> new Call.DecreaseTake(id(pick(r, HOT)), r.nextInt(200_000));
            default -> new Call.SetHyperparameter(netuid, Hyperparameter.WEIGHTS_SET_RATE_LIMIT, r.nextInt(3));
        };
    }

    /** docs/spec/chain.md §10: key swaps and proxies, valid and invalid, signed by a coldkey. */
    static Call keyCall(SplittableRandom r) {
        String[] to = {"h0", "h1", "h2", "h3", "h4", "h5", "k0", "k1", "k2"};
        org.tao4j.runtime.tx.ProxyType type = org.tao4j.runtime.tx.ProxyType.values()[
                r.nextInt(org.tao4j.runtime.tx.ProxyType.values().length)];
        return switch (r.nextInt(6)) {
            case 0, 1 -> new Call.SwapHotkey(id(pick(r, HOT)), id(pick(r, to)));
            case 2 -> new Call.AddProxy(id(pick(r, COLD)), type, r.nextInt(3));
            case 3 -> new Call.RemoveProxy(id(pick(r, COLD)), type);
            case 4 -> new Call.Proxy(id(pick(r, COLD)), r.nextBoolean()
                    ? new Call.AddStake(id(pick(r, HOT)), amount(r)) : new Call.Transfer(id(pick(r, COLD)), amount(r)));
            default -> new Call.AnnounceProxy(id(pick(r, COLD)), org.tao4j.runtime.keys.Proxies.callHash(
                    new Call.AddStake(id(pick(r, HOT)), TAO)));
        };
    }
}
