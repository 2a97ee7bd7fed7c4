package io.faultline.api.http;

import static io.faultline.api.Fixtures.T0;
import static io.faultline.api.Fixtures.T1;
import static io.faultline.api.Fixtures.T2;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.faultline.api.Fixtures;
import io.faultline.api.live.InMemoryLiveStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cached live answers never lag the store: each change shows on the next request. */
class LiveAnswersFollowTheStoreTest {

    InMemoryLiveStore live;
    TimelineApi api;
    ApiClient client;

    @BeforeEach
    void start() {
        live = new InMemoryLiveStore();
        api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofSeconds(5)), live, Optional.empty(),
                Clock.fixed(T2, ZoneOffset.UTC));
        client = new ApiClient(api.port());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aNewRevisionReplacesTheCachedIncidentList() throws Exception {
        live.accept(Fixtures.awsIncident(1, "SUSPECTED"));
        assertThat(client.get("/api/v1/live/incidents").body().at("/0/incident/revision").asLong()).isEqualTo(1);
        assertThat(client.get("/api/v1/live/incidents").body().at("/0/incident/revision").asLong()).isEqualTo(1);

        live.accept(Fixtures.awsIncident(2, "CONFIRMED"));
        var a = client.get("/api/v1/live/incidents");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.raw().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(a.body().at("/0/incident/revision").asLong()).isEqualTo(2);

        live.accept(Fixtures.awsIncident(3, "RESOLVED"));
        assertThat(client.get("/api/v1/live/incidents").body()).isEmpty();
        assertThat(client.get("/api/v1/live/incidents?includeResolved=true").body().at("/0/incident/state").asText())
                .isEqualTo("RESOLVED");
    }

    @Test
    void aRecoveryLeavesTheCachedNotUpList() throws Exception {
        live.accept(Fixtures.health("coinbase", "DOWN", T0));
        assertThat(client.get("/api/v1/live/services").body()).extracting(h -> h.get("serviceId").asText()).containsExactly("coinbase");

        live.accept(Fixtures.health("coinbase", "UP", T1));
        assertThat(client.get("/api/v1/live/services").body()).isEmpty();
    }
}
