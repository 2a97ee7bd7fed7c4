package io.faultline.app.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.faultline.api.history.HistoryRepository;
import io.faultline.api.http.ApiConfig;
import io.faultline.api.http.ApiHooks;
import io.faultline.api.http.TimelineApi;
import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.live.KafkaLiveFeed;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.StreamsApp;

/**
 * The timeline API served beside a Kafka Streams application in the same process: live service
 * health by interactive queries over the application's store ({@link StreamsLiveStore}), live
 * incidents from the incidents topic. History endpoints are served from the repository given
 * ({@code faultline demo} passes its embedded ClickHouse) and answer 503 without one. Used by {@code faultline demo} and
 * {@code faultline run streams --api-port}.
 */
public final class StreamsLiveApi implements AutoCloseable {

    private final KafkaLiveFeed feed;
    private final TimelineApi api;

    private StreamsLiveApi(KafkaLiveFeed feed, TimelineApi api) {
        this.feed = feed;
        this.api = api;
    }

    public static StreamsLiveApi start(ApiConfig config, StreamsApp streams, String bootstrapServers, Topics topics,
                                       SchemaRegistry registry) {
        return start(config, streams, bootstrapServers, topics, registry, Optional.empty());
    }

    /** The same, with the history endpoints served from {@code history} when present. */
    public static StreamsLiveApi start(ApiConfig config, StreamsApp streams, String bootstrapServers, Topics topics,
                                       SchemaRegistry registry, Optional<HistoryRepository> history) {
        return start(config, streams, bootstrapServers, topics, registry, history, ApiHooks.none());
    }

    /** The same, with the API's meters and readiness ({@code /readyz}) from {@code hooks}. */
    public static StreamsLiveApi start(ApiConfig config, StreamsApp streams, String bootstrapServers, Topics topics,
                                       SchemaRegistry registry, Optional<HistoryRepository> history, ApiHooks hooks) {
        InMemoryLiveStore incidents = new InMemoryLiveStore();
        TimelineApi api = TimelineApi.start(config, new StreamsLiveStore(streams.view(), streams::state, incidents),
                history, Clock.systemUTC(), hooks);
        try {
            KafkaLiveFeed feed = KafkaLiveFeed.incidentsOnly(bootstrapServers, topics, registry, incidents);
            feed.start();
            return new StreamsLiveApi(feed, api);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** Settings for the in-process API: the port given, the token from the environment, no CORS. */
    public static ApiConfig config(int port) {
        return new ApiConfig(port, ApiConfig.tokenFromEnvironment(), List.of(), Duration.ofSeconds(10));
    }

    public int port() {
        return api.port();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            api.close();
        } finally {
            feed.close();
        }
    }
}
