package io.faultline.api.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.faultline.api.history.HistoryRepository;
import io.javalin.http.Context;

/**
 * {@code /readyz}: 200 when the API can answer what it serves, else 503 naming each failing check.
 * Its own check: the history store (ClickHouse) answers {@code SELECT 1} within {@link #TIMEOUT}, when
 * one is configured; the process around it adds the rest (Kafka reachable for the live feed, Kafka
 * Streams RUNNING in the demo) through {@link ApiHooks#readiness()}.
 */
final class ApiReadiness {

    static final Duration TIMEOUT = Duration.ofSeconds(4);

    private final Optional<HistoryRepository> history;
    private final Supplier<Map<String, String>> outside;
    private final ExecutorService workers;

    ApiReadiness(Optional<HistoryRepository> history, Supplier<Map<String, String>> outside, ExecutorService workers) {
        this.history = history;
        this.outside = outside;
        this.workers = workers;
    }

    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        CompletableFuture<Optional<String>> clickhouse = history.map(h -> CompletableFuture.supplyAsync(() -> ping(h), workers))
                .orElse(CompletableFuture.completedFuture(Optional.empty()));
        problems.putAll(outside.get());
        try {
            clickhouse.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).ifPresent(p -> problems.put("clickhouse", p));
        } catch (TimeoutException e) {
            problems.put("clickhouse", "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.put("clickhouse", "interrupted");
        } catch (ExecutionException e) {
            problems.put("clickhouse", String.valueOf(e.getCause().getMessage()));
        }
        return problems;
    }

    private static Optional<String> ping(HistoryRepository h) {
        try {
            h.ping();
            return Optional.empty();
        } catch (Exception e) {
            Throwable unreachable = HistoryEndpoints.connectionFailure(e);
            return Optional.of("not reachable: " + (unreachable != null ? HistoryEndpoints.describe(unreachable) : e.getMessage()));
        }
    }

    void answer(Context ctx) {
        Map<String, String> problems = problems();
        if (problems.isEmpty()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).json(Map.of("status", "not ready", "failing", problems));
        }
    }
}
