package io.faultline.api.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.faultline.api.history.Cursor;
import io.faultline.api.history.HistoryRepository;
import io.faultline.api.history.IncidentQuery;
import io.faultline.api.live.LiveStore;
import io.faultline.api.model.IncidentDetail;
import io.javalin.http.Context;

/**
 * Handlers of the history endpoints. Each query runs on the worker pool and is abandoned (and
 * interrupted) after the request timeout. Without a history store they answer 503, except one
 * incident, which the live store can still answer.
 */
final class HistoryEndpoints {

    static final Duration DEFAULT_RANGE = Duration.ofDays(7);
    static final Duration MAX_BUCKETS_SPAN = Duration.ofDays(31);
    static final int MAX_BUCKETS = 2_000;

    private final Optional<HistoryRepository> history;
    private final LiveStore live;
    private final Clock clock;
    private final ExecutorService workers;
    private final Duration timeout;

    HistoryEndpoints(Optional<HistoryRepository> history, LiveStore live, Clock clock, ExecutorService workers, Duration timeout) {
        this.history = history;
        this.live = live;
        this.clock = clock;
        this.workers = workers;
        this.timeout = timeout;
    }

    void listIncidents(Context ctx) throws Exception {
        Instant to = Params.instant(ctx, "to", clock.instant());
        // any time by default: the list is newest first and paged, so an open start costs only the page,
        // and a replayed outage (which keeps its original time, e.g. 2021) is listed without a range
        Instant from = Params.instant(ctx, "from", Instant.EPOCH);
        Params.range("from", from, to);
        String cursorText = ctx.queryParam("cursor");
        Cursor cursor = null;
        if (cursorText != null && !cursorText.isEmpty()) {
            try {
                cursor = Cursor.decode(cursorText);
            } catch (IllegalArgumentException e) {
                throw new BadParameter("cursor", "cursor: " + e.getMessage());
            }
        }
        IncidentQuery q = new IncidentQuery(from, to, Params.optionalId(ctx, "provider"), Params.optionalId(ctx, "region"),
                Params.optionalId(ctx, "service"), Params.incidentState(ctx),
                Params.integer(ctx, "limit", 50, 1, IncidentQuery.MAX_LIMIT), cursor);
        HistoryRepository repo = history.orElseThrow(HistoryUnavailable::new);
        ctx.json(withTimeout(() -> repo.incidents(q)));
    }

    void incident(Context ctx) throws Exception {
        String id = Params.pathId(ctx, "id");
        Optional<IncidentDetail> found = history.isPresent()
                ? withTimeout(() -> history.get().incident(id))
                : live.incident(id);
        if (found.isEmpty()) {
            ctx.status(404).json(ApiError.of("not_found", "no incident " + id));
        } else {
            ctx.json(found.get());
        }
    }

    void serviceHealth(Context ctx) throws Exception {
        String id = Params.pathId(ctx, "id");
        Instant to = Params.instant(ctx, "to", clock.instant());
        Instant from = Params.instant(ctx, "from", to.minus(DEFAULT_RANGE));
        Params.range("from", from, to);
        int limit = Params.integer(ctx, "limit", 1_000, 1, 10_000);
        HistoryRepository repo = history.orElseThrow(HistoryUnavailable::new);
        ctx.json(withTimeout(() -> repo.serviceHealth(id, from, to, limit)));
    }

    void blastRadius(Context ctx) throws Exception {
        String provider = Params.pathId(ctx, "id");
        String region = Params.optionalId(ctx, "region");
        Instant to = Params.instant(ctx, "to", clock.instant());
        Instant from = Params.instant(ctx, "from", to.minus(Duration.ofDays(1)));
        Params.range("from", from, to);
        Duration step = Params.duration(ctx, "step", Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(1));
        if (Duration.between(from, to).compareTo(MAX_BUCKETS_SPAN) > 0
                || Duration.between(from, to).dividedBy(step) > MAX_BUCKETS) {
            throw new BadParameter("step", "step: from..to must span at most " + MAX_BUCKETS + " steps and 31 days");
        }
        HistoryRepository repo = history.orElseThrow(HistoryUnavailable::new);
        ctx.json(withTimeout(() -> repo.blastRadius(provider, region, from, to, step)));
    }

    private <T> T withTimeout(Callable<T> query) throws Exception {
        Future<T> f = workers.submit(query);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RequestTimedOut(timeout);
        } catch (ExecutionException e) {
            Throwable unreachable = connectionFailure(e.getCause());
            if (unreachable != null) {
                throw new HistoryUnavailable(describe(unreachable), e.getCause());
            }
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    /**
     * The failure in {@code error}'s cause chain that says the store could not be reached (a refused,
     * unresolvable or timed-out connection, or a JDBC connection-class SQL state "08..."), or null
     * when the store answered and the query itself failed (that stays a 500: it is our bug).
     */
    static Throwable connectionFailure(Throwable error) {
        Throwable connectionState = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException || t instanceof java.net.SocketTimeoutException) {
                return t; // the network's own words say best what failed
            }
            if (connectionState == null && t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                connectionState = t;
            }
        }
        return connectionState;
    }

    /** A connection failure in words, without a Java class name: "unknown host h", "... Connection refused". */
    static String describe(Throwable unreachable) {
        String m = unreachable.getMessage() == null ? "" : unreachable.getMessage();
        if (unreachable instanceof java.net.UnknownHostException) {
            return "unknown host " + m;
        }
        if (unreachable instanceof java.net.SocketTimeoutException) {
            return "timed out" + (m.isEmpty() ? "" : ": " + m);
        }
        return m.isEmpty() ? "connection failed" : m;
    }
}
