package io.faultline.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.faultline.api.Fixtures;
import io.faultline.api.live.InMemoryLiveStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BearerTokenTest {

    static final String TOKEN = "s3cret-token-for-tests";
    static TimelineApi api;
    static ApiClient client;

    @BeforeAll
    static void start() {
        InMemoryLiveStore live = new InMemoryLiveStore();
        live.accept(Fixtures.awsIncident(1, "SUSPECTED"));
        api = TimelineApi.start(new ApiConfig(0, Optional.of(TOKEN), List.of(), Duration.ofSeconds(5)), live,
                Optional.empty(), Clock.systemUTC());
        client = new ApiClient(api.port());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void missingTokenIs401WithAChallenge() throws Exception {
        var a = client.get("/api/v1/live/incidents");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.body().get("error").asText()).isEqualTo("unauthorized");
        assertThat(a.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void wrongTokenIs401() throws Exception {
        assertThat(client.get("/api/v1/live/incidents", "Authorization", "Bearer wrong").status()).isEqualTo(401);
        assertThat(client.get("/api/v1/live/incidents", "Authorization", "Bearer " + TOKEN + "x").status()).isEqualTo(401);
        assertThat(client.get("/api/v1/live/incidents", "Authorization", "Basic " + TOKEN).status()).isEqualTo(401);
        // a bad token must not reach the handlers: no 400 / 503 leaks what exists
        assertThat(client.get("/api/v1/incidents?limit=0", "Authorization", "Bearer wrong").status()).isEqualTo(401);
    }

    @Test
    void rightTokenPasses() throws Exception {
        var a = client.get("/api/v1/live/incidents", "Authorization", "Bearer " + TOKEN);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).hasSize(1);
    }

    @Test
    void healthzAndOpenApiStayPublic() throws Exception {
        assertThat(client.get("/healthz").status()).isEqualTo(200);
        assertThat(client.get("/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void comparisonIsExact() {
        BearerAuth auth = new BearerAuth(TOKEN);
        assertThat(auth.accepts("Bearer " + TOKEN)).isTrue();
        assertThat(auth.accepts("bearer " + TOKEN)).isTrue();
        assertThat(auth.accepts("Bearer " + TOKEN.substring(1))).isFalse();
        assertThat(auth.accepts(null)).isFalse();
        assertThat(auth.accepts("Bearer")).isFalse();
    }
}
