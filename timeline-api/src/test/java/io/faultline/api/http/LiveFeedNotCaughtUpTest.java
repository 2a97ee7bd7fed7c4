package io.faultline.api.http;

import static io.faultline.api.Fixtures.T2;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.live.KafkaLiveFeed;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;
import org.junit.jupiter.api.Test;

/** Live endpoints say 503 while the live feed is down or behind, instead of an empty 200 that reads as "all is well". */
class LiveFeedNotCaughtUpTest {

    private static final List<String> LIVE = List.of("/api/v1/live/services", "/api/v1/live/services/coinbase/health",
            "/api/v1/live/incidents");

    private static TimelineApi api(InMemoryLiveStore store) {
        return TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofSeconds(5)), store,
                Optional.empty(), Clock.fixed(T2, ZoneOffset.UTC));
    }

    @Test
    void aFeedThatCannotReachKafkaLeavesEveryLiveEndpointAt503() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        InMemoryLiveStore store = new InMemoryLiveStore();
        try (KafkaLiveFeed feed = new KafkaLiveFeed("127.0.0.1:" + closed, Topics.withPrefix("faultline."),
                new SchemaRegistry(new MockSchemaRegistryClient(), true), store);
             TimelineApi api = api(store)) {
            feed.start();
            ApiClient client = new ApiClient(api.port());
            for (String path : LIVE) {
                var answer = client.get(path);
                assertThat(answer.status()).as(path).isEqualTo(503);
                assertThat(answer.body().get("error").asText()).as(path).isEqualTo("live_unavailable");
                assertThat(answer.body().get("message").asText()).as(path).contains("live feed").contains("Kafka");
            }
        }
    }

    @Test
    void aStoreAnswersAgainOnceItsFeedHasCaughtUp() throws Exception {
        InMemoryLiveStore store = new InMemoryLiveStore();
        store.markNotReady("the live feed is catching up with Kafka: 12 records not read yet");
        try (TimelineApi api = api(store)) {
            ApiClient client = new ApiClient(api.port());
            assertThat(client.get("/api/v1/live/incidents").status()).isEqualTo(503);
            assertThat(client.get("/api/v1/live/incidents").body().get("message").asText())
                    .isEqualTo("the live feed is catching up with Kafka: 12 records not read yet");

            store.markReady();

            for (String path : List.of("/api/v1/live/services", "/api/v1/live/incidents")) {
                assertThat(client.get(path).status()).as(path).isEqualTo(200);
            }
        }
    }
}
