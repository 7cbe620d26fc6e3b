package org.tao4j.sdk.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionQueueTest {
    final List<String> events = new CopyOnWriteArrayList<>();

    final class TestJob extends AdmissionQueue.Job {
        final String name;
        final CountDownLatch gate;
        final CountDownLatch ran = new CountDownLatch(1);

        TestJob(String name, double priority, CountDownLatch gate) {
            super(priority);
            this.name = name;
            this.gate = gate;
        }

        @Override
        void run() {
            events.add("run " + name);
            ran.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        void refuse() {
            events.add("refuse " + name);
        }
    }

    @Test
    void runsByPriorityThenArrivalAndRefusesTheLowestWhenFull() throws Exception {
        AdmissionQueue q = new AdmissionQueue(1, 3, Thread.ofVirtual().factory());
        CountDownLatch hold = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        TestJob first = new TestJob("first", 0, hold);
        q.submit(first);
        assertThat(first.ran.await(5, TimeUnit.SECONDS)).isTrue();
        q.submit(new TestJob("a5", 5, open));
        q.submit(new TestJob("b1", 1, open));
        q.submit(new TestJob("c5", 5, open));
        q.submit(new TestJob("d9", 9, open)); // full: displaces b1
        q.submit(new TestJob("e1", 1, open)); // full, lowest now 5: refused itself
        q.submit(new TestJob("f5", 5, open)); // equal to the lowest: refused itself
        assertThat(events).containsExactly("run first", "refuse b1", "refuse e1", "refuse f5");
        hold.countDown();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.size() < 7 && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(events.subList(4, 7)).containsExactly("run d9", "run a5", "run c5");
        assertThat(q.running()).isZero();
    }

    @Test
    void withdrawnJobsNeverRunAndCloseRefusesTheRest() throws Exception {
        AdmissionQueue q = new AdmissionQueue(1, 10, Thread.ofVirtual().factory());
        CountDownLatch hold = new CountDownLatch(1);
        TestJob first = new TestJob("first", 0, hold);
        q.submit(first);
        assertThat(first.ran.await(5, TimeUnit.SECONDS)).isTrue();
        TestJob gone = new TestJob("gone", 1, hold);
        q.submit(gone);
        q.submit(new TestJob("left", 1, hold));
        assertThat(q.withdraw(gone)).isTrue();
        assertThat(q.withdraw(gone)).isFalse();
        q.close();
        q.submit(new TestJob("late", 100, hold));
        assertThat(events).containsExactly("run first", "refuse left", "refuse late");
        hold.countDown();
    }
}
