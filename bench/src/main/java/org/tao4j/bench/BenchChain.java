package org.tao4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Blake2b;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.kv.MemoryKeyValueStore;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.runtime.ApplyResult;
import org.tao4j.runtime.BlockExecution;
import org.tao4j.runtime.ChainParams;
import org.tao4j.runtime.Genesis;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.schema.ChainState;
import org.tao4j.runtime.tx.Call;
import org.tao4j.runtime.tx.Extrinsic;

/**
 * A dev chain in memory for benchmark setup: a genesis with endowed accounts and a sudo key, real
 * signed transactions, and blocks executed through {@link BlockExecution#applyAll} and committed to
 * one {@link MemoryKeyValueStore}. Unlike the runtime's TestChain it keeps no state root and checks
 * no invariants (setup speed), but it fails fast: every transaction of a block, and every sudo'd
 * call inside one, must succeed.
 *
 * <p>Deterministic: keys are {@code Blake2b-256("tao4j-bench//" + name)}.
 */
final class BenchChain {

    static final long TAO = ChainParams.RAO_PER_TAO;
    static final byte[] GENESIS_HASH = Blake2b.hash256("tao4j bench genesis".getBytes(StandardCharsets.UTF_8));
    static final String SUDO = "sudo";

    private final MemoryKeyValueStore kv = new MemoryKeyValueStore();
    private final Runtime runtime = new Runtime(GENESIS_HASH);
    private final Map<AccountId, Long> pendingNonces = new HashMap<>();
    private final Map<String, Ed25519.KeyPair> keys = new HashMap<>();
    private long number;

    /** Dev genesis: {@code endowments} (name to rao) plus the sudo key endowed with 1,000 TAO. */
    BenchChain(ChainParams params, Map<String, Long> endowments) {
        List<Genesis.Endowment> e = new ArrayList<>();
        e.add(new Genesis.Endowment(id(SUDO), 1_000 * TAO));
        for (Map.Entry<String, Long> en : endowments.entrySet()) {
            e.add(new Genesis.Endowment(id(en.getKey()), en.getValue()));
        }
        Genesis.build(kv, new Genesis.Config("bench", false, params, e, id(SUDO)));
    }

    static Ed25519.KeyPair newKey(String name) {
        return Ed25519.KeyPair.fromSeed(Blake2b.hash256(("tao4j-bench//" + name).getBytes(StandardCharsets.UTF_8)));
    }

    /** The (cached) key pair of a named account. */
    Ed25519.KeyPair key(String name) {
        return keys.computeIfAbsent(name, BenchChain::newKey);
    }

    AccountId id(String name) {
        return AccountId.of(key(name).publicKey());
    }

    Runtime runtime() {
        return runtime;
    }

    /** The committed state; do not write to it while a measured block runs over it. */
    MemoryKeyValueStore store() {
        return kv;
    }

    ChainState state() {
        return new ChainState(kv);
    }

    /** The number of the last committed block. */
    long number() {
        return number;
    }

    /** Signs {@code call} as {@code who} with the next nonce not yet used in the block being assembled. */
    Extrinsic tx(String who, Call call) {
        AccountId a = id(who);
        long n = pendingNonces.getOrDefault(a, state().account(a).nonce());
        pendingNonces.put(a, n + 1);
        return Extrinsic.sign(key(who), n, 0, number + 1_000, call, GENESIS_HASH);
    }

    Extrinsic sudo(Call call) {
        return tx(SUDO, new Call.Sudo(call));
    }

    /** Executes and commits the next block; every transaction and sudo'd call must succeed. */
    BlockExecution.Outcome block(List<Extrinsic> txs) {
        BlockExecution b = runtime.begin(kv, number + 1);
        List<ApplyResult> results = b.applyAll(txs);
        for (int i = 0; i < results.size(); i++) {
            ApplyResult r = results.get(i);
            if (!(r instanceof ApplyResult.Included inc) || !inc.success()) {
                throw new IllegalStateException("block " + (number + 1) + ": " + txs.get(i) + " -> " + r);
            }
        }
        BlockExecution.Outcome out = b.finish();
        for (Event e : out.events()) {
            if (e instanceof Event.Sudid s && !s.ok()) {
                throw new IllegalStateException("block " + (number + 1) + ": a sudo call failed: " + s.message());
            }
        }
        WriteBatch batch = new WriteBatch();
        out.changes().forEach((k, v) -> {
            if (v == null) {
                batch.delete(k);
            } else {
                batch.put(k, v);
            }
        });
        kv.write(batch);
        number = out.number();
        pendingNonces.clear();
        return out;
    }

    BlockExecution.Outcome block(Extrinsic... txs) {
        return block(List.of(txs));
    }

    /** Requires that {@code out} contains exactly {@code expected} subnet epochs. */
    static void expectEpochs(BlockExecution.Outcome out, int expected) {
        long epochs =
                out.events().stream().filter(e -> e instanceof Event.EpochRun).count();
        if (epochs != expected) {
            throw new IllegalStateException(
                    "block " + out.number() + " ran " + epochs + " subnet epochs, expected " + expected);
        }
    }
}
