package org.tao4j.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.kv.StorageException;
import org.tao4j.core.kv.WriteBatch;

/** Storage faults: a bounded close, a corrupted write-ahead log refused at open. */
class RocksFaultsTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void closeWaitsForARunningOperationOnlyForItsBound() throws Exception {
        RocksDatabase db = RocksDatabase.open(dir.resolve("db"), List.of("cf"));
        RangeStore cf = db.columnFamily("cf");
        cf.put(b("p1"), b("x"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform()
                .start(() -> cf.forEachWithPrefix(b("p"), (k, v) -> {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        // a stuck operation no longer makes close hang forever: it gives up after its bound
        assertThatThrownBy(() -> db.close(Duration.ofMillis(200)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("1 operation(s) still running after 200 ms");
        // new operations are refused meanwhile, with a message, not a JVM crash
        assertThatThrownBy(() -> cf.get(b("p1")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("is closed");
        release.countDown();
        reader.join(30_000);
        db.close(); // now it closes
        db.close(); // idempotent
        try (RocksDatabase again = RocksDatabase.open(dir.resolve("db"), List.of("cf"))) {
            assertThat(again.columnFamily("cf").get(b("p1"))).isEqualTo(b("x"));
            assertThat(again.fault()).isNull();
        }
    }

    @Test
    void flippedBytesInTheWriteAheadLogRefuseTheOpen() throws IOException {
        Path path = dir.resolve("db");
        writeRecords(path, 200);
        Path wal = onlyWal(path);
        byte[] log = Files.readAllBytes(wal);
        assertThat(log.length).isGreaterThan(10_000);
        int at = log.length / 2; // a record in the middle, with records after it
        for (int i = 0; i < 4; i++) {
            log[at + i] ^= (byte) 0x5a;
        }
        Files.write(wal, log);
        assertThatThrownBy(() -> RocksDatabase.open(path, List.of("cf")))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot open database at " + path.toAbsolutePath() + ": it is corrupt (")
                .hasMessageContaining("restore the data directory from a backup")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aTornLastRecordIsDroppedAsACrashWouldLeaveIt() throws IOException {
        Path path = dir.resolve("db");
        writeRecords(path, 50);
        Path wal = onlyWal(path);
        long size = Files.size(wal);
        // cut into the last record: what a crash in the middle of an (unacknowledged) write leaves
        try (var ch = java.nio.channels.FileChannel.open(wal, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 100);
        }
        try (RocksDatabase db = RocksDatabase.open(path, List.of("cf"))) {
            RangeStore cf = db.columnFamily("cf");
            assertThat(cf.get(b("k048"))).isNotNull();
            assertThat(cf.get(b("k049"))).isNull(); // the torn record
        }
    }

    /** Writes {@code n} 1 KiB records, one synchronous batch each, and closes (they stay in the WAL). */
    private static void writeRecords(Path path, int n) {
        try (RocksDatabase db = RocksDatabase.open(path, List.of("cf"))) {
            for (int i = 0; i < n; i++) {
                db.write(Map.of("cf", new WriteBatch().put(b(String.format("k%03d", i)), new byte[1024])));
            }
        }
    }

    private static Path onlyWal(Path path) throws IOException {
        try (Stream<Path> s = Files.list(path)) {
            List<Path> logs = s.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .filter(p -> {
                        try {
                            return Files.size(p) > 0;
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
            assertThat(logs).hasSize(1);
            return logs.get(0);
        }
    }
}
