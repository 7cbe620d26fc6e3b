package org.tao4j.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.kv.KeyValueStore;
import org.tao4j.core.kv.OverlayKeyValueStore;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;

class RocksKeyValueStoreTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> scan(KeyValueStore store, byte[] prefix) {
        List<String> out = new ArrayList<>();
        store.forEachWithPrefix(
                prefix,
                (k, v) -> out.add(new String(k, StandardCharsets.UTF_8) + "=" + new String(v, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void roundTrip() {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir.resolve("db"))) {
            assertThat(store.get(b("a"))).isNull();
            store.put(b("a"), b("1"));
            assertThat(store.get(b("a"))).isEqualTo(b("1"));
            store.put(b("empty"), new byte[0]);
            assertThat(store.get(b("empty"))).isEmpty();
            store.delete(b("a"));
            assertThat(store.get(b("a"))).isNull();
            store.delete(b("never-there"));
        }
    }

    @Test
    void batchIsAppliedInOrderAndAtomically() {
        RocksKeyValueStore store =
                RocksKeyValueStore.open(dir, RocksConfig.defaults().withSyncWrites(false));
        try {
            store.put(b("gone"), b("x"));
            store.write(new WriteBatch()
                    .put(b("a"), b("1"))
                    .put(b("a"), b("2"))
                    .delete(b("gone"))
                    .put(b("b"), b("3"))
                    .delete(b("b")));
            assertThat(scan(store, new byte[0])).containsExactly("a=2");

            // A batch that cannot be applied (the database is closed) leaves nothing behind.
            WriteBatch batch = new WriteBatch().put(b("c"), b("1")).put(b("d"), b("2"));
            store.close();
            assertThatThrownBy(() -> store.write(batch))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("is closed");
        } finally {
            store.close(); // idempotent
        }
        try (RocksKeyValueStore reopened = RocksKeyValueStore.open(dir)) {
            assertThat(scan(reopened, new byte[0])).containsExactly("a=2");
        }
    }

    @Test
    void overlayCommitLandsAsOneBatch() {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir)) {
            store.put(b("s/alice"), b("100"));
            OverlayKeyValueStore block = new OverlayKeyValueStore(store);
            block.put(b("s/alice"), b("90"));
            block.put(b("s/bob"), b("10"));
            block.put(b("b/1"), b("block-1"));
            assertThat(scan(store, b("s/"))).containsExactly("s/alice=100");
            block.commit();
            assertThat(scan(store, new byte[0])).containsExactly("b/1=block-1", "s/alice=90", "s/bob=10");
        }
    }

    @Test
    void persistsAcrossReopen() {
        Path db = dir.resolve("nested/db");
        try (RocksKeyValueStore store = RocksKeyValueStore.open(db)) {
            store.write(new WriteBatch().put(b("k1"), b("v1")).put(b("k2"), b("v2")));
            store.delete(b("k2"));
        }
        try (RocksKeyValueStore store = RocksKeyValueStore.open(db)) {
            assertThat(store.get(b("k1"))).isEqualTo(b("v1"));
            assertThat(store.get(b("k2"))).isNull();
            assertThat(store.directory()).isEqualTo(db.toAbsolutePath());
        }
    }

    @Test
    void prefixIterationIsUnsignedLexicographicAndBounded() {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir)) {
            byte[][] keys = {
                {1, (byte) 0xff},
                {1, 0x00},
                {1},
                {1, 0x7f},
                {1, (byte) 0x80},
                {2},
                {0, (byte) 0xff},
                {1, 0x00, 0x00},
                {(byte) 0xff},
                {(byte) 0xff, (byte) 0xff},
                {(byte) 0xff, 0x01}
            };
            for (byte[] k : keys) {
                store.put(k, new byte[] {42});
            }
            List<byte[]> seen = new ArrayList<>();
            store.forEachWithPrefix(new byte[] {1}, (k, v) -> seen.add(k));
            assertThat(seen)
                    .containsExactly(
                            new byte[] {1},
                            new byte[] {1, 0x00},
                            new byte[] {1, 0x00, 0x00},
                            new byte[] {1, 0x7f},
                            new byte[] {1, (byte) 0x80},
                            new byte[] {1, (byte) 0xff});
            List<byte[]> high = new ArrayList<>();
            store.forEachWithPrefix(new byte[] {(byte) 0xff}, (k, v) -> high.add(k));
            assertThat(high).containsExactly(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xff, 0x01}, new byte[] {
                (byte) 0xff, (byte) 0xff
            });
            List<byte[]> all = new ArrayList<>();
            store.forEachWithPrefix(new byte[0], (k, v) -> all.add(k));
            assertThat(all).hasSize(keys.length).isSortedAccordingTo(KeyValueStore.KEY_ORDER);
        }
    }

    @Test
    void iterationSeesSnapshotAndConsumerMayWrite() {
        try (RocksKeyValueStore store = RocksKeyValueStore.open(dir)) {
            store.put(b("p1"), b("x"));
            store.put(b("p2"), b("y"));
            List<String> seen = new ArrayList<>();
            store.forEachWithPrefix(b("p"), (k, v) -> {
                seen.add(new String(k, StandardCharsets.UTF_8));
                store.put(b("p3"), b("z"));
                store.delete(b("p2"));
            });
            assertThat(seen).containsExactly("p1", "p2");
            assertThat(scan(store, b("p"))).containsExactly("p1=x", "p3=z");
        }
    }

    @Test
    void closeFromInsideIterationIsRefusedInsteadOfDeadlocking() {
        RocksKeyValueStore store = RocksKeyValueStore.open(dir);
        try {
            store.put(b("p1"), b("x"));
            assertThatThrownBy(() -> store.forEachWithPrefix(b("p"), (k, v) -> store.close()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("from inside an operation");
            assertThat(store.get(b("p1"))).isEqualTo(b("x"));
        } finally {
            store.close();
        }
    }

    @Test
    void configValidation() {
        assertThat(RocksConfig.defaults().syncWrites()).isTrue();
        assertThat(RocksConfig.defaults().withBlockCacheBytes(0).blockCacheBytes())
                .isZero();
        assertThatThrownBy(() -> new RocksConfig(true, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void successorOfPrefix() {
        assertThat(RocksColumnFamilyStore.successor(new byte[0])).isNull();
        assertThat(RocksColumnFamilyStore.successor(new byte[] {(byte) 0xff, (byte) 0xff}))
                .isNull();
        assertThat(RocksColumnFamilyStore.successor(new byte[] {1, (byte) 0xff}))
                .containsExactly(2);
        assertThat(RocksColumnFamilyStore.successor(new byte[] {1, 2})).containsExactly(1, 3);
        assertThat(RocksColumnFamilyStore.successor(new byte[] {1, 0x7f})).containsExactly(1, 0x80);
    }

    @Test
    void secondOpenInSameProcessIsRefusedWithClearMessage() {
        try (RocksKeyValueStore first = RocksKeyValueStore.open(dir)) {
            assertThatThrownBy(() -> RocksKeyValueStore.open(dir))
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("cannot open database at " + dir.toAbsolutePath() + ": lock held");
            first.put(b("still"), b("usable"));
            assertThat(first.get(b("still"))).isEqualTo(b("usable"));
        }
    }

    @Test
    void openWhileAnotherProcessHoldsTheLockIsRefusedWithClearMessage() throws Exception {
        Path db = dir.resolve("db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolderMain.class.getName(),
                        db.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ready");
            assertThatThrownBy(() -> RocksKeyValueStore.open(db))
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("cannot open database at " + db.toAbsolutePath()
                            + ": lock held by another process — is another node running?");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertThat(holder.exitValue()).isZero();
        try (RocksKeyValueStore store = RocksKeyValueStore.open(db)) {
            assertThat(store.get(b("x"))).isNull(); // the lock is released once the holder exits
        }
    }

    @Test
    void unopenableDirectoryGivesClearMessage() throws Exception {
        Path file = dir.resolve("not-a-dir");
        java.nio.file.Files.writeString(file, "x");
        assertThatThrownBy(() -> RocksKeyValueStore.open(file))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot open database at " + file.toAbsolutePath());
    }

    @Test
    void columnFamiliesAreSeparateAndWriteAtomicallyTogether() {
        try (RocksDatabase db = RocksDatabase.open(dir, List.of("state", "blocks"))) {
            assertThat(db.columnFamilies()).containsExactly("blocks", "default", "state");
            KeyValueStore state = db.columnFamily("state");
            KeyValueStore blocks = db.columnFamily("blocks");
            state.put(b("k"), b("state"));
            blocks.put(b("k"), b("block"));
            assertThat(state.get(b("k"))).isEqualTo(b("state"));
            assertThat(db.columnFamily("default").get(b("k"))).isNull();
            db.write(Map.of(
                    "state", new WriteBatch().put(b("alice"), b("1")).delete(b("k")),
                    "blocks", new WriteBatch().put(b("1"), b("block-1"))));
            assertThat(scan(state, new byte[0])).containsExactly("alice=1");
            assertThat(scan(blocks, new byte[0])).containsExactly("1=block-1", "k=block");
            assertThatThrownBy(() ->
                            db.write(Map.of("state", new WriteBatch().put(b("z"), b("1")), "nope", new WriteBatch())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'nope'");
            assertThat(state.get(b("z"))).isNull();
        }
        // Reopening with fewer names still opens (and exposes) every existing column family.
        try (RocksDatabase db = RocksDatabase.open(dir, List.of())) {
            assertThat(db.columnFamilies()).containsExactly("blocks", "default", "state");
            assertThat(db.columnFamily("blocks").get(b("1"))).isEqualTo(b("block-1"));
        }
    }
}
