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
            this(name, priority, null, false, gate);
        }

        TestJob(String name, double priority, Object owner, boolean reserved, CountDownLatch gate) {
            super(priority, owner, reserved);
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
        void refuse(AdmissionQueue.Refusal why) {
            events.add("refuse " + name + (why == AdmissionQueue.Refusal.OWNER_LIMIT ? " (owner)" : ""));
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

    @Test
    void oneOwnerHoldsAtMostItsShareRunningOrWaiting() throws Exception {
        AdmissionQueue q = new AdmissionQueue(4, 0, 2, 2, 10, Thread.ofVirtual().factory());
        CountDownLatch hold = new CountDownLatch(1);
        TestJob a1 = new TestJob("a1", 1, "A", false, hold);
        TestJob a2 = new TestJob("a2", 1, "A", false, hold);
        q.submit(a1);
        q.submit(a2);
        q.submit(new TestJob("a3", 1, "A", false, hold));
        assertThat(a1.ran.await(5, TimeUnit.SECONDS) && a2.ran.await(5, TimeUnit.SECONDS))
                .isTrue();
        assertThat(events).contains("refuse a3 (owner)");
        // another owner is unaffected
        TestJob b1 = new TestJob("b1", 1, "B", false, hold);
        q.submit(b1);
        assertThat(b1.ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(q.ownedBy("A")).isEqualTo(2);
        assertThat(q.owners()).isEqualTo(2);
        hold.countDown();
        awaitTrue(() -> q.running() == 0);
        // the counts go back to nothing: the map holds only owners with a job
        assertThat(q.owners()).isZero();
        TestJob a4 = new TestJob("a4", 1, "A", false, new CountDownLatch(0));
        q.submit(a4);
        assertThat(a4.ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anOwnerAtItsRunningCapWaitsWhileOthersRunAndResumesWhenItsOwnJobEnds() throws Exception {
        // 10 slots; an owner runs at most 2 and has at most 3 running or waiting
        AdmissionQueue q =
                new AdmissionQueue(10, 0, 2, 3, 10, Thread.ofVirtual().factory());
        CountDownLatch aGate = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        TestJob a1 = new TestJob("a1", 9, "A", false, aGate);
        TestJob a2 = new TestJob("a2", 9, "A", false, aGate);
        q.submit(a1);
        q.submit(a2);
        assertThat(a1.ran.await(5, TimeUnit.SECONDS) && a2.ran.await(5, TimeUnit.SECONDS))
                .isTrue();
        // A is at its running cap: a3 waits although 8 slots are free; a4 is A's fourth: refused
        TestJob a3 = new TestJob("a3", 9, "A", false, open);
        q.submit(a3);
        assertThat(q.waiting()).isEqualTo(1);
        q.submit(new TestJob("a4", 9, "A", false, open));
        assertThat(events).contains("refuse a4 (owner)");
        // another owner runs at once, though A's waiting job outranks it
        TestJob b = new TestJob("b", 1, "B", false, open);
        q.submit(b);
        assertThat(b.ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(q.runningOf("A")).isEqualTo(2);
        assertThat(a3.ran.getCount()).isEqualTo(1);
        // when one of A's own jobs ends, its waiting job runs
        aGate.countDown();
        assertThat(a3.ran.await(5, TimeUnit.SECONDS)).isTrue();
        awaitTrue(() -> q.running() == 0 && q.owners() == 0);
    }

    @Test
    void reservedSlotsRunOnlyReservedJobsAndPassOverOthersInTheQueue() throws Exception {
        AdmissionQueue q =
                new AdmissionQueue(3, 1, 100, 100, 10, Thread.ofVirtual().factory());
        CountDownLatch lowGate = new CountDownLatch(1);
        CountDownLatch vGate = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(0);
        q.submit(new TestJob("low1", 1, "L", false, lowGate));
        q.submit(new TestJob("low2", 1, "L", false, lowGate));
        awaitTrue(() -> q.running() == 2);
        // the general slots are taken: a non-reserved job waits although one slot is free
        TestJob low3 = new TestJob("low3", 50, "L2", false, open);
        q.submit(low3);
        assertThat(q.waiting()).isEqualTo(1);
        assertThat(q.running()).isEqualTo(2);
        // a reserved job takes the free reserved slot at once, though it ranks lower
        TestJob v = new TestJob("v", 10, "V", true, vGate);
        q.submit(v);
        assertThat(v.ran.await(5, TimeUnit.SECONDS)).isTrue();
        // all full: the next reserved job waits behind low3...
        TestJob v2 = new TestJob("v2", 10, "V2", true, open);
        q.submit(v2);
        assertThat(q.waiting()).isEqualTo(2);
        // ...but when the reserved slot frees, it passes over low3, which may not use it
        vGate.countDown();
        assertThat(v2.ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(low3.ran.getCount()).isEqualTo(1);
        lowGate.countDown();
        assertThat(low3.ran.await(5, TimeUnit.SECONDS)).isTrue();
        awaitTrue(() -> q.running() == 0);
        // low1 and low2 start on their own threads at once, so their events and v's may interleave: what the
        // queue decides is which four ran before low3, and that v ran before v2
        assertThat(events.subList(0, 4)).containsExactlyInAnyOrder("run low1", "run low2", "run v", "run v2");
        assertThat(events.indexOf("run v")).isLessThan(events.indexOf("run v2"));
        assertThat(q.owners()).isZero();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(5);
        }
    }
}
