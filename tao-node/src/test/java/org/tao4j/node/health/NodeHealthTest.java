package org.tao4j.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NodeHealthTest {

    @Test
    void aStorageFaultIsUnhealthyWithItsReason() {
        AtomicReference<String> fault = new AtomicReference<>();
        NodeHealth h = new NodeHealth(fault::get, Duration.ofSeconds(12));
        assertThat(h.status()).isEqualTo(new NodeHealth.Status(true, null));
        fault.set("no space left on the device: While appending to file: 000004.log");
        assertThat(h.status().healthy()).isFalse();
        assertThat(h.status().reason())
                .isEqualTo("storage failed: no space left on the device: While appending to file: 000004.log");
    }

    @Test
    void noProgressForThreeBlockTimesIsUnhealthyAndProgressHeals() throws InterruptedException {
        NodeHealth h = new NodeHealth(() -> null, Duration.ofMillis(100));
        assertThat(h.staleAfter()).isEqualTo(NodeHealth.MIN_STALE); // 3 x 100 ms is below the floor
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (h.status().healthy()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(h.status().reason())
                .startsWith("no block produced or imported for ")
                .endsWith("(more than 1000 ms, three block times)");
        h.progress();
        assertThat(h.status().healthy()).isTrue();
        assertThat(new NodeHealth(() -> null, Duration.ofSeconds(12)).staleAfter())
                .isEqualTo(Duration.ofSeconds(36));
    }

    @Test
    void aNodeWithoutABlockClockIsJudgedByStorageOnly() {
        NodeHealth h = new NodeHealth(() -> null, null);
        assertThat(h.staleAfter()).isNull();
        assertThat(h.status().healthy()).isTrue();
    }

    @Test
    void identicalErrorsAreLoggedOncePerInterval() {
        RepeatedErrors errors = new RepeatedErrors(LoggerFactory.getLogger(NodeHealthTest.class));
        RuntimeException disk = new RuntimeException("disk");
        assertThat(errors.error("block production failed", disk)).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(errors.error("block production failed", new RuntimeException("disk")))
                    .isFalse();
        }
        assertThat(errors.error("block production failed", new RuntimeException("other")))
                .isTrue();
        errors.clear();
        assertThat(errors.error("block production failed", new RuntimeException("other")))
                .isTrue();
    }
}
