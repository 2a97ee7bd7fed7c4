package io.faultline.ingestion.statuspage.poll;

import java.time.Duration;

/**
 * Runs a task after a delay. {@link ExecutorPollScheduler} in production (its thread count is the
 * overall concurrency bound); tests use a virtual clock and run due tasks by hand, so waits such
 * as Retry-After are asserted without waiting.
 */
public interface PollScheduler {

    void schedule(Duration delay, Runnable task);
}
