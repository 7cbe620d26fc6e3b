package org.tao4j.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.kv.WriteBatch;

class RocksSnapshotTest {

    static byte[] b(int... xs) {
        byte[] out = new byte[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = (byte) xs[i];
        }
        return out;
    }

    @Test
    void aSnapshotKeepsSeeingTheVersionItWasTakenAt(@TempDir Path dir) {
        try (RocksDatabase db = RocksDatabase.open(
                dir, List.of("a", "b"), RocksConfig.defaults().withSyncWrites(false))) {
            db.write(Map.of("a", new WriteBatch().put(b(1), b(10)), "b", new WriteBatch().put(b(2), b(20))));
            RocksSnapshot snap = db.snapshot();
            db.write(Map.of(
                    "a", new WriteBatch().put(b(1), b(11)).put(b(3), b(30)), "b", new WriteBatch().delete(b(2))));
            assertThat(snap.columnFamily("a").get(b(1))).isEqualTo(b(10));
            assertThat(snap.columnFamily("a").get(b(3))).isNull();
            assertThat(snap.columnFamily("b").get(b(2))).isEqualTo(b(20));
            List<byte[]> keys = new ArrayList<>();
            snap.columnFamily("a").forEachWithPrefix(new byte[0], (k, v) -> keys.add(k));
            assertThat(keys).containsExactly(b(1));
            assertThat(db.columnFamily("a").get(b(1))).isEqualTo(b(11));
            assertThatThrownBy(() -> snap.columnFamily("a").put(b(1), b(1)))
                    .isInstanceOf(UnsupportedOperationException.class);
            snap.close();
            snap.close();
            assertThatThrownBy(() -> snap.columnFamily("a").get(b(1))).isInstanceOf(IllegalStateException.class);
            // a forgotten snapshot does not stop the database from closing
            db.snapshot();
        }
    }

    @Test
    void scanStartsAnywhereAndStopsWhenAsked(@TempDir Path dir) {
        try (RocksDatabase db =
                RocksDatabase.open(dir, List.of("a"), RocksConfig.defaults().withSyncWrites(false))) {
            RangeStore a = db.columnFamily("a");
            for (int i = 0; i < 10; i++) {
                a.put(b(5, i), b(i));
            }
            a.put(b(6), b(99));
            List<Integer> seen = new ArrayList<>();
            a.scan(b(5, 3), b(6), (k, v) -> {
                seen.add((int) v[0]);
                return seen.size() < 4;
            });
            assertThat(seen).containsExactly(3, 4, 5, 6);
            seen.clear();
            a.scan(b(5, 8), null, (k, v) -> seen.add((int) v[0]));
            assertThat(seen).containsExactly(8, 9, 99);
            try (RocksSnapshot s = db.snapshot()) {
                seen.clear();
                s.columnFamily("a").scan(b(5, 9), b(7), (k, v) -> seen.add((int) v[0]));
                assertThat(seen).containsExactly(9, 99);
            }
        }
    }
}
