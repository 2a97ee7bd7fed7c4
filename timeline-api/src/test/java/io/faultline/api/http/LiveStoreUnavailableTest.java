package io.faultline.api.http;

import static io.faultline.api.Fixtures.T2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.faultline.api.live.LiveStore;
import io.faultline.api.live.LiveStoreUnavailable;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import org.junit.jupiter.api.Test;

/** A live store that cannot answer yet (Kafka Streams rebalancing or restoring) gives 503 with its reason, not 500. */
class LiveStoreUnavailableTest {

    static final String REASON = "live health is not queryable yet: the Kafka Streams application is REBALANCING";

    static final class Restoring implements LiveStore {
        @Override
        public Optional<HealthView> health(String serviceId) {
            throw new LiveStoreUnavailable(REASON, null);
        }

        @Override
        public List<HealthView> notUp() {
            throw new LiveStoreUnavailable(REASON, null);
        }

        @Override
        public List<IncidentDetail> incidents(boolean includeResolved) {
            return List.of();
        }

        @Override
        public Optional<IncidentDetail> incident(String id) {
            return Optional.empty();
        }
    }

    @Test
    void liveHealthEndpointsAnswer503WithTheReasonAndRetryAfter() throws Exception {
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofSeconds(5)), new Restoring(),
                Optional.empty(), Clock.fixed(T2, ZoneOffset.UTC))) {
            ApiClient client = new ApiClient(api.port());
            for (String path : List.of("/api/v1/live/services", "/api/v1/live/services/coinbase/health")) {
                var a = client.get(path);
                assertThat(a.status()).as(path).isEqualTo(503);
                assertThat(a.body().get("error").asText()).isEqualTo("live_unavailable");
                assertThat(a.body().get("message").asText()).isEqualTo(REASON);
                assertThat(a.raw().headers().firstValue("Retry-After")).hasValue("5");
            }
            assertThat(client.get("/api/v1/live/incidents").status()).isEqualTo(200);
        }
    }
}
