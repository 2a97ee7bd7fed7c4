package io.faultline.app.api;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.faultline.api.history.ClickHouseHistoryRepository;
import io.faultline.api.history.HistoryRepository;
import io.faultline.api.http.ApiConfig;
import io.faultline.api.http.ApiHooks;
import io.faultline.app.metrics.CommandMetrics;
import io.faultline.app.metrics.KafkaReadiness;
import io.faultline.app.metrics.MetricsOptions;
import io.faultline.app.metrics.ReadinessCheck;
import io.faultline.api.http.TimelineApi;
import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.live.KafkaLiveFeed;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.faultline.app.ClickHouseOptions;
import io.faultline.app.DurationConverter;
import io.faultline.app.KafkaAvroOptions;

/** {@code faultline api}: the incident timeline API. */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = {"Serve the incident timeline API (OpenAPI document at /openapi.json).",
                "History endpoints read ClickHouse (--clickhouse-url; without it they answer 503); live endpoints read the "
                        + "incidents and service-health topics (--bootstrap-servers with --registry-url, both or neither). "
                        + "Set FAULTLINE_API_TOKEN to require a bearer token."})
public final class ApiCommand implements Callable<Integer> {

    /** ClickHouse connections kept open for the history endpoints (opening one costs a round trip). */
    public static final int POOLED_CONNECTIONS = 16;


    @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
    int port;

    @Mixin
    ClickHouseOptions clickHouse = new ClickHouseOptions();

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Option(names = "--cors-origin", split = ",", description = "Origins allowed by CORS ('*' for any); default none.")
    List<String> corsOrigins = List.of();

    @Option(names = "--request-timeout", description = "Longest a history request may run (default: ${DEFAULT-VALUE}).",
            defaultValue = "10s", converter = DurationConverter.class)
    Duration requestTimeout;

    @picocli.CommandLine.Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Override
    public Integer call() throws Exception {
        ApiConfig config = new ApiConfig(port, ApiConfig.tokenFromEnvironment(), corsOrigins, requestTimeout);
        Optional<HistoryRepository> history = clickHouse.settings(System.getenv())
                .map(settings -> new ClickHouseHistoryRepository(new io.faultline.api.history.PooledConnections(
                        settings.connections(), POOLED_CONNECTIONS), requestTimeout));
        String bootstrapServers = kafka.bootstrapServers();
        String registryUrl = kafka.registryUrl();
        if ((bootstrapServers == null) != (registryUrl == null)) {
            throw new IllegalArgumentException("--bootstrap-servers and --registry-url: give both (live feed) or neither");
        }
        CommandMetrics m = metrics.open(new java.io.PrintWriter(System.out, true));
        if (bootstrapServers != null) {
            // the live endpoints are only as good as the feed: not ready while Kafka is unreachable
            m.require(new KafkaReadiness(bootstrapServers));
        }
        // the metrics port's /readyz says what the API port's does (which pings ClickHouse itself too)
        history.ifPresent(h -> m.require(ReadinessCheck.of("clickhouse", () -> {
            try {
                h.ping();
                return java.util.Optional.empty();
            } catch (Exception e) {
                return java.util.Optional.of("not reachable: " + io.faultline.app.ErrorReport.message(e));
            }
        })));
        InMemoryLiveStore live = new InMemoryLiveStore();
        KafkaLiveFeed feed = null;
        if (bootstrapServers != null) {
            feed = new KafkaLiveFeed(bootstrapServers, kafka.topics(),
                    new SchemaRegistry(RegistryConfig.of(registryUrl, false)), live);
            feed.start();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (m; TimelineApi api = start(config, live, history, m)) {
            m.started();
            System.out.printf("faultline api: http://localhost:%d/openapi.json  history=%s  live feed=%s  auth=%s%n", api.port(),
                    history.isPresent() ? "ClickHouse" : "none (history endpoints answer 503)",
                    bootstrapServers == null ? "none" : bootstrapServers, config.bearerToken().isPresent() ? "bearer token" : "off");
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        } finally {
            if (feed != null) {
                feed.close();
            }
        }
        return 0;
    }

    /** The API on --port; a port we may not or cannot listen on is named as such (not as Javalin's "already in use"). */
    private TimelineApi start(ApiConfig config, InMemoryLiveStore live, Optional<HistoryRepository> history, CommandMetrics m) {
        try {
            return TimelineApi.start(config, live, history, Clock.systemUTC(), new ApiHooks(m.registry(), m::problems));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException bind) {
                    throw new io.faultline.app.ErrorReport.ExitCodeException(io.faultline.app.ErrorReport.FAILURE, "--port " + port,
                            bind);
                }
            }
            throw e;
        }
    }
}
