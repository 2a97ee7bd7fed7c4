package io.faultline.app.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The readiness of one command: its checks, and whether it has finished starting (until then a
 * {@value #STARTUP} problem stands). Checks run in parallel, each answer awaited at most until
 * {@link #READY_TIMEOUT} after the request; one that does not answer in time counts as failing.
 * Served by {@link MetricsEndpoint} and, in {@code api}, {@code run streams --api-port} and
 * {@code demo}, by the timeline API's own {@code /readyz} too.
 */
public final class Readiness implements AutoCloseable {

    public static final String STARTUP = "startup";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(4);

    private final List<ReadinessCheck> checks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final ExecutorService checkRunner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faultline-readiness");
        t.setDaemon(true);
        return t;
    });

    public void require(ReadinessCheck check) {
        checks.add(check);
    }

    public void started() {
        started.set(true);
    }

    List<ReadinessCheck> checks() {
        return List.copyOf(checks);
    }

    /** Each check's problem, by name, in the order added (empty map = ready). */
    public Map<String, String> problems() {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (!started.get()) {
            problems.put(STARTUP, "still starting");
        }
        List<CompletableFuture<Optional<String>>> pending = new ArrayList<>();
        List<ReadinessCheck> current = List.copyOf(checks);
        for (ReadinessCheck c : current) {
            pending.add(CompletableFuture.supplyAsync(() -> safely(c), checkRunner));
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (int i = 0; i < current.size(); i++) {
            Optional<String> problem;
            try {
                problem = pending.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                problem = Optional.of("no answer within " + READY_TIMEOUT.toSeconds() + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = Optional.of("interrupted");
            } catch (java.util.concurrent.ExecutionException e) {
                problem = Optional.of("check failed: " + e.getCause());
            }
            if (problem.isPresent()) {
                problems.put(current.get(i).name(), problem.get());
            }
        }
        return problems;
    }

    private static Optional<String> safely(ReadinessCheck c) {
        try {
            return c.problem();
        } catch (RuntimeException e) {
            // a check that throws says "not ready", with what it threw, rather than a 500
            return Optional.of("check failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        checkRunner.shutdownNow();
    }
}
