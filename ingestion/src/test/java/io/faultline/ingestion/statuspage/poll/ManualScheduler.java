package io.faultline.ingestion.statuspage.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import io.faultline.testsupport.ManualClock;

/**
 * A scheduler on virtual time: tasks run on the test's thread when the test says so, and the
 * clock jumps to each task's due time. Every requested delay is recorded.
 */
final class ManualScheduler implements PollScheduler {

    private record Due(Instant at, long seq, Runnable task) {
    }

    private final ManualClock clock;
    private final PriorityQueue<Due> queue = new PriorityQueue<>(
            Comparator.comparing(Due::at).thenComparingLong(Due::seq));
    final List<Duration> delays = new ArrayList<>();
    private long seq;

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        delays.add(delay);
        queue.add(new Due(clock.instant().plus(delay), seq++, task));
    }

    /** Runs the earliest task, moving the clock to its due time; returns that time. */
    Instant runNext() {
        Due d = queue.poll();
        if (d == null) {
            throw new IllegalStateException("nothing scheduled");
        }
        if (d.at().isAfter(clock.instant())) {
            clock.set(d.at());
        }
        d.task().run();
        return d.at();
    }

    Instant nextDue() {
        return queue.isEmpty() ? null : queue.peek().at();
    }
}
