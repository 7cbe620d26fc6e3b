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
import org.tao4j.node.chain.ExtrinsicsRoot;
import org.tao4j.runtime.Runtime;
import org.tao4j.runtime.event.Event;
import org.tao4j.runtime.tx.Extrinsic;

class ChainTest {

    static final long TAO = 1_000_000_000L;

    @Test
    void transfersAreIncludedAndChargedTheirFee(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            long bob = net.free("Bob");
            var x = net.transfer("Alice", "Bob", 5 * TAO, 0);
            long fee = Runtime.fee(net.chain.headState().params(), x);
            long alice = net.free("Alice");
            net.submit(x);
            ImportedBlock b = net.block();
            assertThat(b.block().extrinsics()).containsExactly(x);
            assertThat(b.block().header().extrinsicsRoot()).isEqualTo(new H256(x.hash()));
            assertThat(net.free("Bob")).isEqualTo(bob + 5 * TAO);
            assertThat(net.free("Alice")).isEqualTo(alice - 5 * TAO - fee);
            assertThat(b.events()).anyMatch(e -> e instanceof Event.Transfer);
            assertThat(net.pool.size()).isZero();
            assertThat(net.chain.headState().totalIssuance()).isEqualTo(6 * ChainSpec.DEV_ENDOWMENT - fee);
        }
    }

    @Test
    void restartResumesAtTheCommittedHeadWithTheSameRoot(@TempDir Path dir) {
        ChainStore.Head head;
        try (TestNet net = new TestNet(dir, 256)) {
            for (int i = 0; i < 5; i++) {
                net.submit(net.transfer("Bob", "Charlie", TAO, i));
                net.block();
            }
            head = net.chain.head();
        }
        try (TestNet net = new TestNet(dir, 256)) {
            assertThat(net.chain.head()).isEqualTo(head);
            assertThat(net.chain.headState().account(TestNet.id("Bob")).nonce()).isEqualTo(5);
            net.submit(net.transfer("Bob", "Charlie", TAO, 5));
            assertThat(net.block().number()).isEqualTo(head.number() + 1);
        }
    }

    @Test
    void aViewSeesTheBlocksOfItsHeadOnlyAndTheSameBlocksAfterARestart(@TempDir Path dir) {
        List<Block> blocks = new ArrayList<>();
        try (TestNet net = new TestNet(dir, 256)) {
            net.submit(net.transfer("Bob", "Charlie", TAO, 0));
            blocks.add(net.block().block());
            try (ChainStore.View before = net.chain.store().view()) {
                net.submit(net.transfer("Bob", "Charlie", TAO, 1));
                Block newer = net.block().block();
                blocks.add(newer);
                // the newer block is in the recent-block cache, but not in a view taken before it
                assertThat(before.block(newer.hash())).isNull();
                assertThat(before.header(newer.hash())).isNull();
                assertThat(before.block(blocks.get(0).hash()).encode())
                        .isEqualTo(blocks.get(0).encode());
            }
            try (ChainStore.View now = net.chain.store().view()) {
                assertThat(now.head().hash()).isEqualTo(blocks.get(1).hash());
                assertThat(now.block(blocks.get(1).hash()).encode())
                        .isEqualTo(blocks.get(1).encode());
                assertThat(now.header(blocks.get(1).hash()))
                        .isEqualTo(blocks.get(1).header());
            }
        }
        try (TestNet net = new TestNet(dir, 256);
                ChainStore.View v = net.chain.store().view()) {
            // read back from the database (the cache starts empty): the same blocks
            for (Block b : blocks) {
                assertThat(v.block(b.hash()).encode()).isEqualTo(b.encode());
            }
            assertThat(v.head().header()).isEqualTo(blocks.get(1).header());
        }
    }

    @Test
    void anotherChainsDatabaseIsRefused(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            net.block();
        }
        ChainSpec other = ChainSpec.parse(
                """
                {"name":"Other","authorities":["%s"],"endowments":{"%s":1000000000}}""".formatted(TestNet.id("Bob").toSs58(), TestNet.id("Bob").toSs58()));
        assertThatThrownBy(() -> Chain.open(other, dir, false, 256)).hasMessageContaining("holds chain 'dev'");
    }

    @Test
    void anotherNodeImportsTheBlocksAndGetsTheSameRoots(@TempDir Path a, @TempDir Path b) throws Exception {
        List<Block> produced = new ArrayList<>();
        try (TestNet net = new TestNet(a, 256);
                TestNet follower = new TestNet(b, 256)) {
            for (int i = 0; i < 4; i++) {
                net.submit(net.transfer("Alice", "Dave", TAO + i, i), net.transfer("Eve", "Ferdie", 2 * TAO, i, 7));
                produced.add(net.block().block());
            }
            for (Block blk : produced) {
                Block decoded = Block.decode(blk.encode());
                ImportedBlock ib = follower.chain.importBlock(decoded);
                assertThat(ib.block().header()).isEqualTo(blk.header());
            }
            assertThat(follower.chain.head()).isEqualTo(net.chain.head());
            assertThat(follower.free("Ferdie")).isEqualTo(net.free("Ferdie"));
        }
    }

    @Test
    void importRejectsNonAuthoritiesTamperingAndGaps(@TempDir Path a, @TempDir Path b) throws Exception {
        try (TestNet net = new TestNet(a, 256);
                TestNet follower = new TestNet(b, 256)) {
            net.submit(net.transfer("Alice", "Dave", TAO, 0));
            Block good = net.block().block();
            BlockHeader h = good.header();
            // sealed by Bob, who is not an authority of the dev chain
            Ed25519.KeyPair bob = TestNet.key("Bob");
            BlockHeader byBob = new BlockHeader(
                    h.parentHash(),
                    h.number(),
                    h.stateRoot(),
                    h.extrinsicsRoot(),
                    h.timestamp(),
                    AccountId.of(bob.publicKey()));
            assertThatThrownBy(() -> follower.chain.importBlock(Block.seal(byBob, bob, good.extrinsics())))
                    .hasMessageContaining("is not an authority");
            // Alice's header, someone else's signature bytes
            assertThatThrownBy(() -> follower.chain.importBlock(new Block(h, new byte[64], good.extrinsics())))
                    .hasMessageContaining("signature");
            // a wrong state root, properly signed
            BlockHeader badRoot = new BlockHeader(
                    h.parentHash(), h.number(), H256.ZERO, h.extrinsicsRoot(), h.timestamp(), h.author());
            assertThatThrownBy(() ->
                            follower.chain.importBlock(Block.seal(badRoot, TestNet.key("Alice"), good.extrinsics())))
                    .hasMessageContaining("state root");
            // extrinsics that do not match the root
            assertThatThrownBy(() -> follower.chain.importBlock(Block.seal(h, TestNet.key("Alice"), List.of())))
                    .hasMessageContaining("extrinsics root");
            // not on the head
            Block next = net.block().block();
            assertThatThrownBy(() -> follower.chain.importBlock(next)).hasMessageContaining("does not extend");
            // nothing of the above changed the follower
            assertThat(follower.chain.head().number()).isZero();
            follower.chain.importBlock(good);
            follower.chain.importBlock(next);
            assertThat(follower.chain.head()).isEqualTo(net.chain.head());
        }
    }

    /** Alice's transactions of nearly 32 KiB (a set_weights on no subnet: it fails in the block, paying its fee). */
    private static List<Extrinsic> fat(TestNet net, int count) {
        int n = (org.tao4j.runtime.BlockLimits.MAX_EXTRINSIC_BYTES - 200) / 4;
        int[] xs = java.util.stream.IntStream.range(0, n).toArray();
        List<Extrinsic> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Extrinsic.sign(
                    TestNet.key("Alice"),
                    i,
                    0,
                    -1L,
                    new org.tao4j.runtime.tx.Call.SetWeights(1, xs, xs, 0),
                    net.chain.runtime().genesisHash()));
        }
        return out;
    }

    @Test
    void aFundedAccountCannotMakeABlockOverTheSizeLimit(@TempDir Path dir) {
        try (TestNet net = new TestNet(dir, 256)) {
            List<Extrinsic> xs = fat(net, 200); // 6.5 MB
            net.submit(xs.toArray(Extrinsic[]::new));
            Block first = net.block().block();
            assertThat(first.encodedLength())
                    .isEqualTo(first.encode().length)
                    .isLessThanOrEqualTo(org.tao4j.runtime.BlockLimits.MAX_BLOCK_BYTES)
                    .isGreaterThan(org.tao4j.runtime.BlockLimits.MAX_BLOCK_BYTES
                            - org.tao4j.runtime.BlockLimits.MAX_EXTRINSIC_BYTES);
            assertThat(first.extrinsics())
                    .hasSizeBetween(150, 170)
                    .isEqualTo(xs.subList(0, first.extrinsics().size()));
            Block second = net.block().block();
            assertThat(second.extrinsics())
                    .isEqualTo(xs.subList(first.extrinsics().size(), 200));
            assertThat(net.pool.size()).isZero();
        }
    }

    @Test
    void anOversizeBlockIsRefusedOnImportBeforeItIsRun(@TempDir Path a, @TempDir Path b) throws Exception {
        try (TestNet net = new TestNet(a, 256);
                TestNet follower = new TestNet(b, 256)) {
            List<Extrinsic> xs = fat(net, 170);
            ChainStore.Head parent = follower.chain.head();
            List<byte[]> hashes = new ArrayList<>();
            xs.forEach(x -> hashes.add(x.hash()));
            BlockHeader h = new BlockHeader(
                    parent.hash(),
                    1,
                    H256.ZERO,
                    ExtrinsicsRoot.ofHashes(hashes),
                    parent.header().timestamp() + 250,
                    TestNet.id("Alice"));
            Block big = Block.seal(h, TestNet.key("Alice"), xs);
            assertThat(big.encodedLength()).isGreaterThan(org.tao4j.runtime.BlockLimits.MAX_BLOCK_BYTES);
            assertThatThrownBy(() -> follower.chain.importBlock(big))
                    .isInstanceOfSatisfying(
                            BlockImportException.class,
                            e -> assertThat(e.reason()).isEqualTo(BlockImportException.Reason.TOO_LARGE))
                    .hasMessageContaining("over the 5242880-byte block limit");
            assertThat(follower.chain.head().number()).isZero();
        }
    }

    @Test
    void extrinsicsRootIsABinaryMerkleTree() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        byte[] c = new byte[32];
        a[0] = 1;
        b[0] = 2;
        c[0] = 3;
        assertThat(ExtrinsicsRoot.ofHashes(List.of())).isEqualTo(H256.ZERO);
        assertThat(ExtrinsicsRoot.ofHashes(List.of(a))).isEqualTo(new H256(a));
        byte[] ab = org.tao4j.core.crypto.Blake2b.hash256(new byte[] {1}, a, b);
        assertThat(ExtrinsicsRoot.ofHashes(List.of(a, b))).isEqualTo(new H256(ab));
        byte[] abc = org.tao4j.core.crypto.Blake2b.hash256(new byte[] {1}, ab, c);
        assertThat(ExtrinsicsRoot.ofHashes(List.of(a, b, c))).isEqualTo(new H256(abc));
    }
}
