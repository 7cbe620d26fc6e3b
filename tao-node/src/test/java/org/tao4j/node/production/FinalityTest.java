package org.tao4j.node.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.Ed25519;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.TestNet;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.chain.Block;
import org.tao4j.node.chain.BlockHeader;
import org.tao4j.node.chain.ChainSpec;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.chain.Justification;
import org.tao4j.node.pool.TransactionPool;

/** Chain.addJustification and Chain.importJustified: the finality rules a full node relies on. */
class FinalityTest {

    static Justification vote(ImportedBlock b, H256 genesis, String... who) {
        List<Justification.Vote> votes = new ArrayList<>();
        for (String w : who) {
            votes.add(Justification.sign(DevAccounts.keyPair(w), genesis, b.number(), b.hash()));
        }
        return new Justification(b.number(), b.hash(), votes);
    }

    /** The dev chain with Alice, Bob and Charlie as authorities (a majority is 2). */
    static ChainSpec threeAuthorities() {
        ChainSpec d = ChainSpec.dev();
        return new ChainSpec(
                "Three",
                "three",
                false,
                List.of(DevAccounts.account("Alice"), DevAccounts.account("Bob"), DevAccounts.account("Charlie")),
                d.params(),
                d.endowments(),
                d.sudo());
    }

    @Test
    void aMajorityFinalizesAndListenersHearItOnce(@TempDir Path dir) throws Exception {
        try (TestNet net = new TestNet(threeAuthorities(), dir, 256, TransactionPool.DEFAULT_LIMIT)) {
            List<Long> heard = new ArrayList<>();
            net.chain.addListener(new ChainListener() {
                @Override
                public void onBlock(ImportedBlock block) {}

                @Override
                public void onFinalized(ChainStore.Finalized f, Justification j) {
                    heard.add(f.number());
                }
            });
            H256 g = net.chain.genesisHash();
            ImportedBlock b1 = net.block();
            ImportedBlock b2 = net.block();
            assertThat(net.chain.store().finalized().number()).isZero();
            assertThat(net.chain.addJustification(vote(b2, g, "Alice", "Charlie")))
                    .isTrue();
            assertThat(net.chain.store().finalized()).isEqualTo(new ChainStore.Finalized(2, b2.hash()));
            // an older block's justification is stored but does not move the finalized head back
            assertThat(net.chain.addJustification(vote(b1, g, "Bob", "Charlie")))
                    .isFalse();
            assertThat(net.chain.store().finalized().number()).isEqualTo(2);
            assertThat(net.chain.store().justification(b1.hash())).isPresent();
            assertThat(heard).containsExactly(2L);
        }
    }

    @Test
    void tooFewANonAuthorityAnotherHashAnUnknownBlockAndTheGenesisAreRefused(@TempDir Path dir) {
        try (TestNet net = new TestNet(threeAuthorities(), dir, 256, TransactionPool.DEFAULT_LIMIT)) {
            H256 g = net.chain.genesisHash();
            ImportedBlock b1 = net.block();
            assertThatThrownBy(() -> net.chain.addJustification(vote(b1, g, "Alice")))
                    .isInstanceOf(Justification.Invalid.class)
                    .hasMessageContaining("1 of the 2 authority votes");
            assertThatThrownBy(() -> net.chain.addJustification(vote(b1, g, "Alice", "Dave")))
                    .hasMessageContaining("not an authority");
            Justification other = new Justification(
                    1,
                    b1.hash(),
                    List.of(
                            Justification.sign(DevAccounts.keyPair("Alice"), g, 1, H256.ZERO),
                            Justification.sign(DevAccounts.keyPair("Bob"), g, 1, H256.ZERO)));
            assertThatThrownBy(() -> net.chain.addJustification(other)).hasMessageContaining("not a valid signature");
            Justification unknown = new Justification(
                    1,
                    H256.ZERO,
                    List.of(
                            Justification.sign(DevAccounts.keyPair("Alice"), g, 1, H256.ZERO),
                            Justification.sign(DevAccounts.keyPair("Bob"), g, 1, H256.ZERO)));
            assertThatThrownBy(() -> net.chain.addJustification(unknown)).hasMessageContaining("no such block");
            Justification genesis = new Justification(0, g, List.of());
            assertThatThrownBy(() -> net.chain.addJustification(genesis)).hasMessageContaining("genesis");
            assertThat(net.chain.store().finalized().number()).isZero();
        }
    }

    @Test
    void aFullNodeImportsOnlyJustifiedBlocksThatRerunToTheirRoot(@TempDir Path dir) throws Exception {
        ChainSpec spec = threeAuthorities();
        try (TestNet author = new TestNet(spec, dir.resolve("a"), 256, TransactionPool.DEFAULT_LIMIT);
                TestNet full = new TestNet(spec, dir.resolve("f"), 256, TransactionPool.DEFAULT_LIMIT)) {
            H256 g = author.chain.genesisHash();
            author.submit(author.transfer("Bob", "Charlie", 1_000_000_000L, 0));
            ImportedBlock b1 = author.block();
            ImportedBlock b2 = author.block();
            // the justification of another block
            assertThatThrownBy(() -> full.chain.importJustified(b1.block(), vote(b2, g, "Alice", "Bob")))
                    .isInstanceOf(Justification.Invalid.class)
                    .hasMessageContaining("over another block");
            // too few votes
            assertThatThrownBy(() -> full.chain.importJustified(b1.block(), vote(b1, g, "Bob")))
                    .isInstanceOf(Justification.Invalid.class);
            // a block re-sealed by an authority with a wrong state root, with a valid majority over it
            BlockHeader h = b1.block().header();
            BlockHeader forged = new BlockHeader(
                    h.parentHash(), h.number(), H256.ZERO, h.extrinsicsRoot(), h.timestamp(), h.author());
            Block bad =
                    Block.seal(forged, DevAccounts.keyPair("Alice"), b1.block().extrinsics());
            Justification badJ = new Justification(
                    1,
                    bad.hash(),
                    List.of(
                            Justification.sign(DevAccounts.keyPair("Alice"), g, 1, bad.hash()),
                            Justification.sign(DevAccounts.keyPair("Bob"), g, 1, bad.hash())));
            assertThatThrownBy(() -> full.chain.importJustified(bad, badJ))
                    .isInstanceOf(BlockImportException.class)
                    .hasMessageContaining("state root");
            // a block that does not extend the head
            assertThatThrownBy(() -> full.chain.importJustified(b2.block(), vote(b2, g, "Alice", "Bob")))
                    .isInstanceOf(BlockImportException.class)
                    .hasMessageContaining("does not extend");
            assertThat(full.chain.head().number()).isZero();
            // the honest blocks
            full.chain.importJustified(b1.block(), vote(b1, g, "Alice", "Bob"));
            full.chain.importJustified(b2.block(), vote(b2, g, "Charlie", "Bob"));
            assertThat(full.chain.head().stateRoot())
                    .isEqualTo(author.chain.head().stateRoot());
            assertThat(full.chain.store().finalized().hash()).isEqualTo(b2.hash());
        }
    }

    @Test
    void aSingleAuthorityFinalizesEachBlockItCommits(@TempDir Path dir) throws Exception {
        try (TestNet net = new TestNet(dir, 256)) {
            Ed25519.KeyPair alice = DevAccounts.keyPair("Alice");
            SingleAuthority a = new SingleAuthority(
                    net.chain,
                    net.pool,
                    alice,
                    java.time.Duration.ofMillis(20),
                    false,
                    100,
                    java.time.Clock.systemUTC());
            java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
            net.chain.addListener(new ChainListener() {
                @Override
                public void onBlock(ImportedBlock block) {}

                @Override
                public void onFinalized(ChainStore.Finalized f, Justification j) {
                    three.countDown();
                }
            });
            a.start();
            try {
                assertThat(three.await(30, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            } finally {
                a.close();
            }
            ChainStore.Finalized f = net.chain.store().finalized();
            assertThat(f.number()).isGreaterThanOrEqualTo(3);
            Justification j = net.chain.store().justification(f.hash()).orElseThrow();
            assertThat(j.votes())
                    .extracting(Justification.Vote::authority)
                    .containsExactly(AccountId.of(alice.publicKey()));
        }
    }
}
