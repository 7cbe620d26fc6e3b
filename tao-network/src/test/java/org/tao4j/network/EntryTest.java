package org.tao4j.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tao4j.core.crypto.H256;
import org.tao4j.node.chain.DevAccounts;
import org.tao4j.node.chain.Justification;

class EntryTest {

    private static final H256 GENESIS = new H256(new byte[32]);

    @Test
    void votesAndTransactionBatchesRoundTrip() {
        H256 h = new H256(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32
        });
        var v = Justification.sign(DevAccounts.keyPair("Bob"), GENESIS, 7, h);
        Entry.Votes votes = new Entry.Votes(List.of(new Entry.VoteEntry(7, h, v)));
        Entry back = Entry.decode(votes.encode());
        assertThat(back).isInstanceOf(Entry.Votes.class);
        Entry.VoteEntry got = ((Entry.Votes) back).votes().get(0);
        assertThat(got.number()).isEqualTo(7);
        assertThat(got.hash()).isEqualTo(h);
        assertThat(got.vote().verify(GENESIS, 7, h)).isTrue();

        Entry.TxBatch txs = new Entry.TxBatch(List.of(new byte[] {1, 2}, new byte[0]));
        Entry.TxBatch t = (Entry.TxBatch) Entry.decode(txs.encode());
        assertThat(t.txs()).hasSize(2);
        assertThat(t.txs().get(0)).containsExactly(1, 2);
    }

    @Test
    void malformedEntriesAreRefusedInOneLine() {
        assertThatThrownBy(() -> Entry.decode(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> Entry.decode(new byte[] {9})).hasMessageContaining("unknown log entry kind 9");
        assertThatThrownBy(() -> Entry.decode(new byte[] {Entry.VOTE, 0})).hasMessageContaining("1-64 votes");
        assertThatThrownBy(() -> Entry.decode(new byte[] {Entry.VOTE, 4, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Entry.decode(new byte[] {Entry.BLOCK, 1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        // more than the bound of votes per entry: refused before reading them
        // a count beyond the bytes present: refused before anything is allocated for it
        assertThatThrownBy(() -> Entry.decode(new byte[] {Entry.VOTE, (byte) (65 << 2)}))
                .hasMessageContaining("malformed log entry");
        List<Entry.VoteEntry> many = new ArrayList<>();
        var v = Justification.sign(DevAccounts.keyPair("Bob"), GENESIS, 1, GENESIS);
        for (int i = 0; i < 65; i++) {
            many.add(new Entry.VoteEntry(1, GENESIS, v));
        }
        assertThatThrownBy(() -> new Entry.Votes(many)).hasMessageContaining("1-64");
    }
}
