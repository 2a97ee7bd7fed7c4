package io.faultline.api.http;

import java.time.Duration;
import java.util.List;

import io.faultline.api.live.LiveStore;
import io.faultline.api.live.LiveStoreUnavailable;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The API's meters:
 * <ul>
 *   <li>{@code faultline_api_request_seconds{method,route,status}}: a latency histogram per route
 *       (the route pattern, e.g. {@code /api/v1/incidents/{id}}, never the raw path, so ids do not
 *       multiply series; requests that match no route count under {@code route="unmatched"});</li>
 *   <li>{@code faultline_incidents_open{state}}: open incidents in the live view, by state
 *       (SUSPECTED, CONFIRMED), read at scrape time; NaN while the live store cannot answer.</li>
 * </ul>
 */
public final class ApiMeters {

    static final List<String> OPEN_STATES = List.of("SUSPECTED", "CONFIRMED");
    private static final String STARTED = "faultline.api.started";

    private ApiMeters() {
    }

    static void bind(Javalin app, MeterRegistry registry, LiveStore live) {
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(ctx -> record(ctx, registry));
        for (String state : OPEN_STATES) {
            Gauge.builder("faultline.incidents.open", live, l -> open(l, state))
                    .description("Open incidents in the live view, by lifecycle state").tag("state", state).register(registry);
        }
    }

    private static void record(Context ctx, MeterRegistry registry) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        Timer.builder("faultline.api.request")
                .description("Timeline API request latency by route")
                .tag("method", ctx.method().name()).tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            // a 404 has a message where the path would be: only a path pattern is a route
            return path == null || !path.startsWith("/") ? "unmatched" : path.replaceAll("<([^>]+)>", "{$1}");
        } catch (RuntimeException e) {
            // no endpoint matched (404): Javalin has no handler path to give
            return "unmatched";
        }
    }

    private static double open(LiveStore live, String state) {
        try {
            return live.incidents(false).stream().filter(d -> state.equals(d.incident().state())).count();
        } catch (LiveStoreUnavailable e) {
            return Double.NaN;
        }
    }
}
