package io.faultline.ingestion.social.stream;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A stream client's blocking {@code run()} on a thread of its own, stopped from the test once a
 * condition holds: the shape of every "stop ends an open connection" test.
 */
final class StoppedRun {

    private StoppedRun() {
    }

    /**
     * Starts {@code run}, waits up to {@code atMost} for {@code until}, calls {@code stop} and gives
     * the thread 10 s to end; returns the thread so the test can assert it is no longer alive.
     */
    static Thread runUntilThenStop(Blocking run, Duration atMost, Callable<Boolean> until, Runnable stop)
            throws InterruptedException {
        Thread runner = new Thread(() -> {
            try {
                run.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        runner.start();
        await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(until);
        stop.run();
        runner.join(10_000);
        return runner;
    }

    /** A client's run loop. */
    @FunctionalInterface
    interface Blocking {
        void run() throws InterruptedException;
    }
}
