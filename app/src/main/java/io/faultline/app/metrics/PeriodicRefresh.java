package io.faultline.app.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;

/**
 * A refresh of some meters every interval, the first at once, on a daemon thread of its own. A refresh
 * that fails is counted and handed to {@code onFailure} (the meters keep their last values), never
 * thrown: a figure that cannot be read must not stop the command it describes.
 */
final class PeriodicRefresh implements AutoCloseable {

    /** One refresh; it may block and fail. */
    interface Refresh {
        void run() throws Exception;
    }

    private final Refresh refresh;
    private final Counter failures;
    private final Consumer<Exception> onFailure;
    private final ScheduledExecutorService timer;

    PeriodicRefresh(String threadName, Refresh refresh, Counter failures, Consumer<Exception> onFailure) {
        this.refresh = refresh;
        this.failures = failures;
        this.onFailure = onFailure;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::runQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One refresh as the timer runs it: a failure counted, not thrown. */
    void runQuietly() {
        try {
            refresh.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures.increment();
            onFailure.accept(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
