package io.faultline.ingestion.statuspage.poll;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link PollScheduler} on a fixed pool of daemon threads: at most {@code threads} polls run at once. */
public final class ExecutorPollScheduler implements PollScheduler, AutoCloseable {

    private final ScheduledThreadPoolExecutor executor;

    public ExecutorPollScheduler(int threads) {
        AtomicInteger n = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "statuspage-poller-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        if (!executor.isShutdown()) {
            executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
