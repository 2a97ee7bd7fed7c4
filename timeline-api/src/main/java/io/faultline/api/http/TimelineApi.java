package io.faultline.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.faultline.api.history.HistoryRepository;
import io.faultline.api.live.LiveStore;
import io.faultline.api.live.LiveStoreUnavailable;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident timeline API: history endpoints over the {@link HistoryRepository} (ClickHouse),
 * live endpoints over the {@link LiveStore}, the OpenAPI document, bearer-token auth on /api/*,
 * JSON errors for every failure.
 */
public final class TimelineApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TimelineApi.class);
    static final String OPENAPI_RESOURCE = "/io/faultline/api/openapi.json";

    private final Javalin app;
    private final ExecutorService workers;
    private final List<String> routes;

    private TimelineApi(Javalin app, ExecutorService workers, List<String> routes) {
        this.app = app;
        this.workers = workers;
        this.routes = routes;
    }

    public static TimelineApi start(ApiConfig config, LiveStore live, Optional<HistoryRepository> history, Clock clock) {
        return start(config, live, history, clock, ApiHooks.none());
    }

    /** The same, with meters into {@code hooks.meters()} and the readiness of what feeds the API in /readyz. */
    public static TimelineApi start(ApiConfig config, LiveStore live, Optional<HistoryRepository> history, Clock clock,
                                    ApiHooks hooks) {
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "timeline-api-query-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<String> routes = Collections.synchronizedList(new ArrayList<>());
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        byte[] openApi = openApiDocument();
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jsonMapper(new JavalinJackson(json, false));
            cfg.events.handlerAdded(meta -> {
                if (meta.getHttpMethod().isHttpMethod()) {
                    routes.add(meta.getHttpMethod().name() + " " + meta.getPath().replaceAll("<([^>]+)>", "{$1}"));
                }
            });
            if (!config.corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (config.corsOrigins().contains("*")) {
                        rule.anyHost();
                    } else {
                        config.corsOrigins().forEach(o -> rule.allowHost(o));
                    }
                    rule.exposeHeader("Content-Type");
                }));
            }
        });
        config.bearerToken().ifPresent(token -> {
            BearerAuth auth = new BearerAuth(token);
            app.before("/api/*", ctx -> {
                if (ctx.method() != HandlerType.OPTIONS && !auth.accepts(ctx.header("Authorization"))) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"faultline\"");
                    ctx.status(401).json(ApiError.of("unauthorized", "missing or wrong bearer token"));
                    ctx.skipRemainingHandlers();
                }
            });
        });
        HistoryEndpoints hist = new HistoryEndpoints(history, live, clock, workers, config.requestTimeout());
        LiveEndpoints liveEndpoints = new LiveEndpoints(live, new JsonCache(json));
        ApiMeters.bind(app, hooks.meters(), live);
        ApiReadiness readiness = new ApiReadiness(history, hooks.readiness(), workers);
        FeedEndpoints feeds = new FeedEndpoints(live, clock);
        app.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok", "history", history.isPresent())));
        app.get("/readyz", readiness::answer);
        app.get("/api/v1/incidents.atom", feeds::atom);
        app.get("/badge/<id>.svg", feeds::badge);
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        app.get("/api/v1/incidents", hist::listIncidents);
        app.get("/api/v1/incidents/{id}", hist::incident);
        // <id> takes slashes: entity ids such as aws/us-east-1 work unencoded as well as with %2F
        app.get("/api/v1/services/<id>/health", hist::serviceHealth);
        app.get("/api/v1/providers/{id}/blast-radius", hist::blastRadius);
        app.get("/api/v1/live/services", liveEndpoints::notUp);
        app.get("/api/v1/live/services/<id>/health", liveEndpoints::serviceHealth);
        app.get("/api/v1/live/incidents", liveEndpoints::incidents);

        app.exception(BadParameter.class, (e, ctx) ->
                ctx.status(400).json(new ApiError("bad_parameter", e.getMessage(), e.parameter())));
        app.exception(HistoryUnavailable.class, (e, ctx) ->
                ctx.status(503).json(ApiError.of("history_unavailable", e.getMessage())));
        app.exception(LiveStoreUnavailable.class, (e, ctx) -> {
            ctx.header("Retry-After", "5");
            ctx.status(503).json(ApiError.of("live_unavailable", e.getMessage()));
        });
        app.exception(RequestTimedOut.class, (e, ctx) -> ctx.status(504).json(ApiError.of("timeout", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(ApiError.of("internal", "internal error: " + e.getClass().getSimpleName()));
        });
        app.start(config.port());
        return new TimelineApi(app, workers, routes);
    }

    static byte[] openApiDocument() {
        try (InputStream in = TimelineApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI document " + OPENAPI_RESOURCE + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return app.port();
    }

    /** Routes registered with Javalin, as "GET /path/{param}". */
    public List<String> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        app.stop();
        workers.shutdownNow();
    }
}
