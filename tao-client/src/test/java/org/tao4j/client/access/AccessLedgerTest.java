package org.tao4j.client.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tao4j.core.crypto.H256;

class AccessLedgerTest {
    @TempDir
    Path dir;

    final H256 a = H256.blake2b256(new byte[] {1});
    final H256 b = H256.blake2b256(new byte[] {2});

    @Test
    void signedIsRecordedBeforePaidAndBothSurviveARestart() {
        AccessLedger l = new AccessLedger(dir);
        assertThat(l.get(a)).isEqualTo(AccessLedger.Entry.EMPTY);
        assertThat(l.signing(a, 10)).isEqualTo(new AccessLedger.Entry(10, 0));
        assertThat(l.paid(a, 10)).isEqualTo(new AccessLedger.Entry(10, 10));
        l.signing(a, 20); // sent, no answer yet
        AccessLedger again = new AccessLedger(dir);
        assertThat(again.get(a)).isEqualTo(new AccessLedger.Entry(20, 10));
        assertThat(again.get(b)).isEqualTo(AccessLedger.Entry.EMPTY);
        assertThat(again.channels()).containsExactly(a);
    }

    @Test
    void aLongHistoryIsCompacted() throws Exception {
        int compact = 64;
        AccessLedger l = new AccessLedger(dir, compact);
        for (int i = 1; i <= compact; i++) {
            l.signing(a, i);
            l.paid(a, i);
        }
        assertThat(Files.readAllLines(dir.resolve(a.toHex().substring(2) + ".total"))
                        .size())
                .isLessThanOrEqualTo(compact);
        long n = compact;
        assertThat(new AccessLedger(dir).get(a)).isEqualTo(new AccessLedger.Entry(n, n));
    }

    @Test
    void signingReservesAheadInOneWrite() throws Exception {
        AccessLedger l = new AccessLedger(dir);
        assertThat(l.signing(a, 10, 100)).isEqualTo(new AccessLedger.Entry(110, 0));
        assertThat(l.signing(a, 50, 100)).isEqualTo(new AccessLedger.Entry(110, 0));
        assertThat(Files.readAllLines(dir.resolve(a.toHex().substring(2) + ".total")))
                .containsExactly("S 110");
        assertThat(l.signing(a, 120, 100)).isEqualTo(new AccessLedger.Entry(220, 0));
    }

    @Test
    void totalsNeverGoDown() {
        AccessLedger l = new AccessLedger(dir);
        l.paid(a, 30);
        assertThat(l.signing(a, 10)).isEqualTo(new AccessLedger.Entry(30, 30));
        assertThat(l.paid(a, 20)).isEqualTo(new AccessLedger.Entry(30, 30));
    }

    @Test
    void aDamagedFileIsAClearError() throws Exception {
        AccessLedger l = new AccessLedger(dir);
        l.paid(a, 5);
        Files.writeString(dir.resolve(a.toHex().substring(2) + ".total"), "garbage\nS 5\n");
        assertThatThrownBy(() -> new AccessLedger(dir).get(a)).hasMessageContaining("damaged access ledger");
        // a torn last line (a crash mid-append) is skipped
        Files.writeString(dir.resolve(a.toHex().substring(2) + ".total"), "S 5\nP 5\nS 1");
        assertThat(new AccessLedger(dir).get(a)).isEqualTo(new AccessLedger.Entry(5, 5));
        assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".tmp"));
    }
}
