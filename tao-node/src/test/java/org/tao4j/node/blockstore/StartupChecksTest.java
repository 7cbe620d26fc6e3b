package org.tao4j.node.blockstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.H256;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;
import org.tao4j.core.scale.ScaleReader;
import org.tao4j.node.TestNet;
import org.tao4j.rocksdb.RocksDatabase;

/**
 * What the store checks at start-up (docs/node.md "Failure handling"): a damaged stored block, a
 * head behind the last committed block, a head state that does not match its root — each refused
 * with one line; and a damaged old block found when read is a storage fault.
 */
class StartupChecksTest {

    static final long TAO = 1_000_000_000L;

    @TempDir
    Path dir;

    /** Ten blocks with a transfer each; returns the head. */
    private ChainStore.Head chainOfTen() {
        try (TestNet net = new TestNet(dir, 256)) {
            for (int i = 0; i < 10; i++) {
                net.submit(net.transfer("Bob", "Charlie", TAO, i));
                net.block();
            }
            return net.chain.head();
        }
    }

    private byte[] hashAt(RocksDatabase db, long n) {
        return db.columnFamily(ChainStore.NUMBERS).get(History.u64(n));
    }

    private void edit(java.util.function.Consumer<RocksDatabase> change) {
        try (RocksDatabase db = RocksDatabase.open(dir, ChainStore.COLUMN_FAMILIES)) {
            change.accept(db);
        }
    }

    private static void flipByte(RocksDatabase db, String cf, byte[] key, int at) {
        byte[] v = db.columnFamily(cf).get(key).clone();
        v[at] ^= 0x01;
        db.write(Map.of(cf, new WriteBatch().put(key, v)));
    }

    @Test
    void aSoundChainOpensAndRecordsItsHead() {
        ChainStore.Head head = chainOfTen();
        try (TestNet net = new TestNet(dir, 256)) {
            assertThat(net.chain.head()).isEqualTo(head);
            assertThat(net.chain.store().fault()).isNull();
        }
        try (HeadRecord r = HeadRecord.open(dir, false)) {
            assertThat(r.read()).isEqualTo(new HeadRecord.Entry(head.number(), head.hash()));
        }
    }

    @Test
    void aFlippedByteInTheHeadBlockIsRefused() {
        ChainStore.Head head = chainOfTen();
        edit(db -> flipByte(db, ChainStore.BLOCKS, head.hash().bytes(), 40)); // in the header's number/state root
        assertThatThrownBy(() -> new TestNet(dir, 256))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("the database at " + dir.toAbsolutePath() + " is corrupt: ")
                .hasMessageContaining("block #10 " + head.hash())
                .hasMessageContaining("restore the data directory from a backup")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aDamagedTransactionInARecentBlockIsRefused() {
        chainOfTen();
        edit(db -> {
            byte[] h7 = hashAt(db, 7);
            byte[] enc = db.columnFamily(ChainStore.BLOCKS).get(h7);
            flipByte(db, ChainStore.BLOCKS, h7, enc.length - 5); // inside the transfer's call
        });
        assertThatThrownBy(() -> new TestNet(dir, 256))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("is corrupt: block #7 ");
    }

    @Test
    void aHeadBehindTheLastCommittedBlockIsRefusedNotSilentlyRolledBack() {
        ChainStore.Head head = chainOfTen();
        // what a truncated write-ahead log leaves: the database's head is three blocks back
        edit(db -> {
            byte[] h7 = hashAt(db, 7);
            db.write(Map.of(ChainStore.META, new WriteBatch().put("head".getBytes(), h7)));
        });
        assertThatThrownBy(() -> new TestNet(dir, 256))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("its head is block #7, but block #10 " + head.hash()
                        + " had been committed: 3 committed block(s) are missing");
    }

    @Test
    void aHeadStateValueThatDoesNotMatchTheStateRootIsRefused() {
        chainOfTen();
        edit(db -> {
            byte[] diff = db.columnFamily(ChainStore.DIFFS).get(History.u64(10));
            List<byte[]> keys = new ScaleReader(diff).readVec(ScaleReader::readBytes);
            flipByte(db, ChainStore.STATE, keys.get(0), 0);
        });
        assertThatThrownBy(() -> new TestNet(dir, 256))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("does not match block #10's state root");
    }

    @Test
    void aDamagedHeadRecordIsRefused() throws Exception {
        chainOfTen();
        java.nio.file.Path p = dir.resolve(HeadRecord.FILE);
        byte[] r = java.nio.file.Files.readAllBytes(p);
        r[3] ^= 0x10;
        java.nio.file.Files.write(p, r);
        assertThatThrownBy(() -> new TestNet(dir, 256))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("the head record " + p.toAbsolutePath() + " is damaged (checksum mismatch)");
    }

    @Test
    void aDamagedOldBlockIsAStorageFaultWhenRead() {
        H256 first;
        try (TestNet net = new TestNet(dir, 256)) {
            net.blocks(ChainStore.VERIFIED_AT_START + 5);
            first = net.chain.store().view().hashOf(1);
        }
        edit(db -> flipByte(db, ChainStore.BLOCKS, first.bytes(), 40));
        try (TestNet net = new TestNet(dir, 256);
                ChainStore.View v = net.chain.store().view()) {
            assertThat(net.chain.store().fault()).isNull(); // older than the blocks checked at start-up
            assertThatThrownBy(() -> v.block(first))
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("stored block " + first + " is corrupt: ");
            assertThat(net.chain.store().fault()).startsWith("stored block " + first + " is corrupt");
        }
    }
}
