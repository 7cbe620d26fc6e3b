package org.tao4j.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.H256;

class VoucherStoreTest {
    @TempDir
    Path dir;

    static H256 id(int n) {
        return H256.blake2b256(new byte[] {(byte) n});
    }

    static byte[] sig(int n) {
        byte[] s = new byte[64];
        s[0] = (byte) n;
        return s;
    }

    @Test
    void theLatestVoucherPerChannelSurvivesARestartAndATornTail() throws Exception {
        try (VoucherStore s = new VoucherStore(dir)) {
            s.put(new VoucherStore.Held(id(1), 10, sig(1)));
            s.put(new VoucherStore.Held(id(1), 20, sig(2)));
            s.put(new VoucherStore.Held(id(2), 5, sig(3)));
            s.put(new VoucherStore.Held(id(3), 7, sig(4)));
            s.remove(id(3));
        }
        Files.writeString(dir.resolve(VoucherStore.JOURNAL), "V 0x12", java.nio.file.StandardOpenOption.APPEND);
        try (VoucherStore s = new VoucherStore(dir)) {
            List<VoucherStore.Held> all = s.loadAll();
            assertThat(all).hasSize(2);
            VoucherStore.Held one = all.stream()
                    .filter(h -> h.channel().equals(id(1)))
                    .findFirst()
                    .orElseThrow();
            assertThat(one.cumulative()).isEqualTo(20);
            assertThat(one.signature()).isEqualTo(sig(2));
        }
    }

    @Test
    void concurrentPutsAreAllDurableAndTheJournalIsCompacted() throws Exception {
        int threads = 8;
        int compact = 400;
        int each = compact / threads + 50; // crosses the compaction point
        try (VoucherStore s = new VoucherStore(dir, compact)) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int c = t;
                ts.add(Thread.ofPlatform().start(() -> {
                    for (int i = 1; i <= each; i++) {
                        s.put(new VoucherStore.Held(id(c), i, sig(c)));
                    }
                }));
            }
            for (Thread t : ts) {
                t.join();
            }
        }
        assertThat(Files.exists(dir.resolve(VoucherStore.SNAPSHOT))).isTrue();
        assertThat(Files.readAllLines(dir.resolve(VoucherStore.JOURNAL)).size()).isLessThanOrEqualTo(compact);
        try (VoucherStore s = new VoucherStore(dir)) {
            assertThat(s.loadAll()).hasSize(threads).allMatch(h -> h.cumulative() == each);
        }
    }
}
