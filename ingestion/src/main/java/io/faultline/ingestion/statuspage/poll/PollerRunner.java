package io.faultline.ingestion.statuspage.poll;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules every page on its own clock: first poll spread over the jitter window, then one poll
 * per interval (± jitter), or a backoff after 429 / 5xx / timeouts (+ jitter only, so never
 * earlier than a Retry-After). At most {@code perHostConcurrency} polls of one host run at once: a
 * page whose host is busy is tried again shortly. The overall bound is the scheduler's threads.
 * A page is rescheduled only after its poll ended, so one page never runs twice at once.
 */
public final class PollerRunner {

    /** Retry delay for a page whose host has no free slot. */
    static final Duration HOST_BUSY_RETRY = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(PollerRunner.class);

    private final List<PolledPage> pages;
    private final PagePoller poller;
    private final PollerConfig config;
    private final PollScheduler scheduler;
    private final DoubleSupplier random;
    private final Consumer<PollResult> listener;
    private final Map<String, Semaphore> hosts = new ConcurrentHashMap<>();

    /**
     * @param random   uniform in [0, 1), for jitter ({@code Math::random} in production)
     * @param listener told about every finished poll (logging, counters, tests)
     */
    public PollerRunner(List<PolledPage> pages, PagePoller poller, PollerConfig config, PollScheduler scheduler,
                        DoubleSupplier random, Consumer<PollResult> listener) {
        this.pages = List.copyOf(pages);
        this.poller = poller;
        this.config = config;
        this.scheduler = scheduler;
        this.random = random;
        this.listener = listener;
    }

    /** Polls every page forever (until the scheduler is closed). */
    public void start() {
        for (PolledPage p : pages) {
            Duration first = Duration.ofMillis((long) (config.interval().toMillis() * config.jitter()
                    * random.getAsDouble()));
            scheduler.schedule(first, () -> run(p, null));
        }
    }

    /** Polls every page once, under the same concurrency limits; completes when all are done. */
    public CompletableFuture<List<PollResult>> runOnce() {
        Once once = new Once(pages.size());
        if (pages.isEmpty()) {
            once.done.complete(List.of());
        }
        pages.forEach(p -> scheduler.schedule(Duration.ZERO, () -> run(p, once)));
        return once.done;
    }

    private void run(PolledPage page, Once once) {
        Semaphore slots = hosts.computeIfAbsent(page.host(), h -> new Semaphore(config.perHostConcurrency()));
        if (!slots.tryAcquire()) {
            scheduler.schedule(HOST_BUSY_RETRY, () -> run(page, once));
            return;
        }
        PollResult result;
        try {
            result = poller.poll(page);
        } catch (RuntimeException e) {
            // a bug in one page's poll must not stop the others, nor this page's schedule
            LOG.error("{}: poll failed unexpectedly", page.pageId(), e);
            result = new PollResult(page.pageId(), 0, 0, false, List.of("unexpected: " + e), config.interval(), false);
        } finally {
            slots.release();
        }
        listener.accept(result);
        if (once != null) {
            once.add(result);
        } else {
            scheduler.schedule(withJitter(result), () -> run(page, null));
        }
    }

    /** The next delay with jitter: ± around the interval, upward only for a backoff. */
    Duration withJitter(PollResult r) {
        long base = r.nextPollIn().toMillis();
        double u = random.getAsDouble();
        double factor = r.backingOff() ? 1 + config.jitter() * u : 1 + config.jitter() * (2 * u - 1);
        return Duration.ofMillis(Math.round(base * factor));
    }

    private static final class Once {
        final CompletableFuture<List<PollResult>> done = new CompletableFuture<>();
        final ConcurrentLinkedQueue<PollResult> results = new ConcurrentLinkedQueue<>();
        final AtomicInteger left;

        Once(int n) {
            left = new AtomicInteger(n);
        }

        void add(PollResult r) {
            results.add(r);
            if (left.decrementAndGet() == 0) {
                done.complete(List.copyOf(results));
            }
        }
    }
}
