package org.tao4j.node.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.account.AccountId;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.TestNet;
import org.tao4j.node.blockstore.ChainStore;
import org.tao4j.node.production.ImportedBlock;

class JustificationTest {

    static final H256 GENESIS = H256.blake2b256("genesis".getBytes());
    static final H256 BLOCK = H256.blake2b256("block".getBytes());
    static final List<AccountId> SET =
            List.of(DevAccounts.account("Alice"), DevAccounts.account("Bob"), DevAccounts.account("Charlie"));

    static Justification.Vote vote(String who, long number, H256 hash) {
        return Justification.sign(DevAccounts.keyPair(who), GENESIS, number, hash);
    }

    @Test
    void aMajorityOfDistinctAuthoritiesFinalizesTheBlock() throws Exception {
        Justification j = new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK), vote("Charlie", 7, BLOCK)));
        j.check(GENESIS, SET);
        assertThat(Justification.decode(j.encode())).satisfies(d -> {
            assertThat(d.number()).isEqualTo(7);
            assertThat(d.blockHash()).isEqualTo(BLOCK);
            assertThat(d.votes()).hasSize(2);
        });
        Justification.decode(j.encode()).check(GENESIS, SET);
        assertThat(Justification.threshold(1)).isEqualTo(1);
        assertThat(Justification.threshold(3)).isEqualTo(2);
        assertThat(Justification.threshold(4)).isEqualTo(3);
    }

    @Test
    void tooFewVotesANonAuthorityADuplicateAndAnotherHashAreRefused() {
        assertThatThrownBy(() -> new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK))).check(GENESIS, SET))
                .hasMessageContaining("1 of the 2 authority votes");
        assertThatThrownBy(() -> new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK), vote("Dave", 7, BLOCK)))
                        .check(GENESIS, SET))
                .hasMessageContaining("not an authority");
        assertThatThrownBy(() -> new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK), vote("Alice", 7, BLOCK)))
                        .check(GENESIS, SET))
                .hasMessageContaining("two votes");
        H256 other = H256.blake2b256("other".getBytes());
        assertThatThrownBy(() -> new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK), vote("Bob", 7, other)))
                        .check(GENESIS, SET))
                .hasMessageContaining("not a valid signature");
        assertThatThrownBy(() -> new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK), vote("Bob", 8, BLOCK)))
                        .check(GENESIS, SET))
                .hasMessageContaining("not a valid signature");
        // a vote on another chain does not count here
        Justification.Vote foreign = Justification.sign(DevAccounts.keyPair("Bob"), BLOCK, 7, BLOCK);
        assertThatThrownBy(() ->
                        new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK), foreign)).check(GENESIS, SET))
                .hasMessageContaining("not a valid signature");
    }

    @Test
    void malformedBytesAreRefusedWithAReason() {
        byte[] ok = new Justification(7, BLOCK, List.of(vote("Alice", 7, BLOCK))).encode();
        assertThatThrownBy(() -> Justification.decode(java.util.Arrays.copyOf(ok, ok.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Justification.decode(java.util.Arrays.copyOf(ok, ok.length + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        List<Justification.Vote> many = new ArrayList<>();
        for (int i = 0; i <= Justification.MAX_VOTES; i++) {
            many.add(vote("Alice", 7, BLOCK));
        }
        assertThatThrownBy(() -> new Justification(7, BLOCK, many)).hasMessageContaining("at most");
    }

    @Test
    void theStoreKeepsJustificationsAndTheFinalizedHeadAcrossARestart(@TempDir Path dir) {
        ImportedBlock b1;
        ImportedBlock b2;
        try (TestNet net = new TestNet(dir, 256)) {
            ChainStore store = net.chain.store();
            assertThat(store.finalized().number()).isZero();
            assertThat(store.finalized().hash()).isEqualTo(store.genesisHash());
            b1 = net.block();
            b2 = net.block();
            H256 g = store.genesisHash();
            Justification j2 = new Justification(
                    2,
                    b2.block().hash(),
                    List.of(Justification.sign(
                            TestNet.key("Alice"), g, 2, b2.block().hash())));
            assertThat(store.putJustification(j2)).isTrue();
            Justification j1 = new Justification(
                    1,
                    b1.block().hash(),
                    List.of(Justification.sign(
                            TestNet.key("Alice"), g, 1, b1.block().hash())));
            assertThat(store.putJustification(j1)).isFalse();
            assertThat(store.finalized().number()).isEqualTo(2);
            assertThatThrownBy(() -> store.putJustification(
                            new Justification(1, b2.block().hash(), List.of())))
                    .hasMessageContaining("no block #1");
            assertThatThrownBy(() -> store.putJustification(
                            new Justification(9, b2.block().hash(), List.of())))
                    .hasMessageContaining("no block #9");
        }
        try (TestNet net = new TestNet(dir, 256)) {
            ChainStore store = net.chain.store();
            assertThat(store.finalized())
                    .isEqualTo(new ChainStore.Finalized(2, b2.block().hash()));
            assertThat(store.justification(b1.block().hash())).isPresent();
            assertThat(store.justification(H256.ZERO)).isEmpty();
        }
    }
}
