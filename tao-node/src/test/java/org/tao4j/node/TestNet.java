package org.tao4j.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.pool.PoolRejection;
import org.tao4j.node.pool.TransactionPool;
import org.tao4j.node.production.Chain;
import org.tao4j.node.production.ImportedBlock;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A dev chain in a temporary directory with its pool, producing blocks on demand (no timer): the
 * harness for chain, store and pool tests.
 */
public final class TestNet implements AutoCloseable {

    public final Chain chain;
    public final TransactionPool pool;
    private long clock = 1_700_000_000_000L;

    public TestNet(Path dir, int pruning) {
        this(ChainSpec.dev(), dir, pruning, TransactionPool.DEFAULT_LIMIT);
    }

    public TestNet(ChainSpec spec, Path dir, int pruning, int poolLimit) {
        this(spec, dir, pruning, poolLimit, TransactionPool.DEFAULT_MAX_BYTES);
    }

    public TestNet(ChainSpec spec, Path dir, int pruning, int poolLimit, long poolBytes) {
        chain = Chain.open(spec, dir, false, pruning);
        pool = new TransactionPool(
                chain.runtime(),
                () -> new TransactionPool.Head(chain.headState(), chain.head().number()),
                poolLimit,
                poolBytes);
        chain.addListener(b -> pool.onBlock(b.hash(), b.number(), b.extrinsicHashes(), b.invalid(), chain.headState()));
    }

    public static Ed25519.KeyPair key(String name) {
        return DevAccounts.keyPair(name);
    }

    public static AccountId id(String name) {
        return DevAccounts.account(name);
    }

    public Extrinsic transfer(String from, String to, long amount, long nonce) {
        return transfer(from, to, amount, nonce, 0);
    }

    public Extrinsic transfer(String from, String to, long amount, long nonce, long tip) {
        return Extrinsic.sign(
                key(from),
                nonce,
                tip,
                chain.head().number() + 1_000,
                new Call.Transfer(id(to), amount),
                chain.runtime().genesisHash());
    }

    public void submit(Extrinsic... xs) {
        for (Extrinsic x : xs) {
            try {
                pool.submit(x, null);
            } catch (PoolRejection e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
    }

    /** Produces one block from the pool (as Alice, the dev authority). */
    public ImportedBlock block() {
        clock += 250;
        return chain.produce(key("Alice"), pool, clock, 10_000);
    }

    public List<ImportedBlock> blocks(int n) {
        List<ImportedBlock> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(block());
        }
        return out;
    }

    public long free(String who) {
        return chain.headState().account(id(who)).free();
    }

    @Override
    public void close() {
        chain.close();
    }
}
