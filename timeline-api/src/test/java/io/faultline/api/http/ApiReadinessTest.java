package io.faultline.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.faultline.api.history.ClickHouseHistoryRepository;
import io.faultline.api.live.InMemoryLiveStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** /readyz: 503 naming what is down (the live feed's Kafka, ClickHouse), 200 when all answer. */
class ApiReadinessTest {

    @Test
    void notReadyWhileTheFeedOrClickHouseIsUnreachable() throws Exception {
        AtomicReference<Map<String, String>> outside = new AtomicReference<>(Map.of("kafka", "localhost:1 not reachable within 3 s"));
        // a ClickHouse that refuses every connection
        var history = new ClickHouseHistoryRepository(() -> {
            throw new SQLException("Connection refused");
        }, Duration.ofSeconds(1));
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofSeconds(5)),
                new InMemoryLiveStore(), Optional.of(history), Clock.systemUTC(), new ApiHooks(new SimpleMeterRegistry(), outside::get))) {
            HttpResponse<String> r = get(api, "/readyz");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("\"kafka\":\"localhost:1 not reachable within 3 s\"")
                    .contains("\"clickhouse\":\"not reachable: Connection refused\"");
            assertThat(get(api, "/healthz").statusCode()).isEqualTo(200);
        }
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofSeconds(5)),
                new InMemoryLiveStore(), Optional.empty(), Clock.systemUTC(), new ApiHooks(new SimpleMeterRegistry(), outside::get))) {
            outside.set(Map.of());
            HttpResponse<String> r = get(api, "/readyz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"ready\"");
        }
    }

    private static HttpResponse<String> get(TimelineApi api, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
