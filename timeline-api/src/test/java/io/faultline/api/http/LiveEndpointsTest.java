package io.faultline.api.http;

import static io.faultline.api.Fixtures.INCIDENT_ID;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint with only the live store configured (the embedded demo's situation). */
class LiveEndpointsTest {

    static TimelineApi api;
    static ApiClient client;

    @BeforeAll
    static void start() {
        InMemoryLiveStore live = new InMemoryLiveStore();
        live.accept(Fixtures.awsIncident(1, "SUSPECTED"));
        live.accept(Fixtures.awsIncident(3, "CONFIRMED"));
        live.accept(Fixtures.awsIncident(2, "SUSPECTED"));
        live.accept(Fixtures.health("coinbase", "DOWN", T0));
        live.accept(Fixtures.health("slack", "DEGRADED", T1));
        live.accept(Fixtures.health("github", "UP", T2));
        live.accept(Fixtures.health("aws/us-east-1", "UP", T0));
        api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of("https://grafana.example.org"), Duration.ofSeconds(5)),
                live, Optional.empty(), Clock.fixed(T2, ZoneOffset.UTC));
        client = new ApiClient(api.port());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void liveIncidentsListTheLatestRevisionWithMembersAndTimeline() throws Exception {
        var a = client.get("/api/v1/live/incidents");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).hasSize(1);
        var inc = a.body().get(0);
        assertThat(inc.at("/incident/id").asText()).isEqualTo(INCIDENT_ID);
        assertThat(inc.at("/incident/revision").asLong()).isEqualTo(3);
        assertThat(inc.at("/incident/state").asText()).isEqualTo("CONFIRMED");
        assertThat(inc.at("/incident/openedAt").asText()).isEqualTo("2021-12-07T15:35:00Z");
        assertThat(inc.at("/members")).extracting(m -> m.get("serviceId").asText()).containsExactly("coinbase", "slack", "venmo");
        assertThat(inc.at("/timeline")).extracting(e -> e.get("kind").asText()).containsExactly("OPENED", "MEMBER_JOINED", "CONFIRMED");
    }

    @Test
    void oneIncidentComesFromTheLiveStoreWithoutHistory() throws Exception {
        var a = client.get("/api/v1/incidents/" + INCIDENT_ID);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().at("/incident/cause/componentId").asText()).isEqualTo("aws/us-east-1");
        assertThat(a.body().at("/members/0/joinedAt").asText()).isEqualTo("2021-12-07T15:32:00Z");
        var missing = client.get("/api/v1/incidents/no-such-incident");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void liveServicesListOnlyThoseNotUpNewestFirst() throws Exception {
        var a = client.get("/api/v1/live/services");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).extracting(h -> h.get("serviceId").asText()).containsExactly("slack", "coinbase");
    }

    @Test
    void liveHealthOfOneService() throws Exception {
        var a = client.get("/api/v1/live/services/coinbase/health");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("state").asText()).isEqualTo("DOWN");
        assertThat(a.body().at("/evidence/0/source").asText()).isEqualTo("STATUS_PAGE");
        assertThat(client.get("/api/v1/live/services/unheard-of/health").status()).isEqualTo(404);
    }

    @Test
    void entityIdsWithASlashWorkEncodedOrNot() throws Exception {
        for (String path : List.of("/api/v1/live/services/aws/us-east-1/health", "/api/v1/live/services/aws%2Fus-east-1/health")) {
            var a = client.get(path);
            assertThat(a.status()).as(path).isEqualTo(200);
            assertThat(a.body().get("serviceId").asText()).as(path).isEqualTo("aws/us-east-1");
        }
        var history = client.get("/api/v1/services/aws/us-east-1/health");
        assertThat(history.status()).isEqualTo(503); // reached the history endpoint, which has no store here
    }

    @Test
    void historyOnlyEndpointsAnswer503NamingTheMissingStore() throws Exception {
        for (String path : List.of("/api/v1/incidents", "/api/v1/services/coinbase/health", "/api/v1/providers/aws/blast-radius")) {
            var a = client.get(path);
            assertThat(a.status()).as(path).isEqualTo(503);
            assertThat(a.body().get("error").asText()).isEqualTo("history_unavailable");
            assertThat(a.body().get("message").asText()).contains("ClickHouse", "--clickhouse-url");
        }
    }

    @Test
    void badParametersAnswer400NamingTheParameter() throws Exception {
        assertBad("/api/v1/incidents?from=yesterday", "from");
        assertBad("/api/v1/incidents?from=2021-12-08T00:00:00Z&to=2021-12-07T00:00:00Z", "from");
        assertBad("/api/v1/incidents?limit=0", "limit");
        assertBad("/api/v1/incidents?limit=ten", "limit");
        assertBad("/api/v1/incidents?state=BROKEN", "state");
        assertBad("/api/v1/incidents?cursor=%21%21", "cursor");
        assertBad("/api/v1/incidents?provider=aws%27%3B%20DROP", "provider");
        assertBad("/api/v1/services/coinbase/health?to=never", "to");
        assertBad("/api/v1/providers/aws/blast-radius?step=PT10S", "step");
        assertBad("/api/v1/providers/aws/blast-radius?step=5m", "step");
        assertBad("/api/v1/live/incidents?includeResolved=maybe", "includeResolved");
        assertBad("/api/v1/live/services/bad%20id/health", "id");
    }

    private static void assertBad(String path, String parameter) throws Exception {
        var a = client.get(path);
        assertThat(a.status()).as(path).isEqualTo(400);
        assertThat(a.body().get("error").asText()).isEqualTo("bad_parameter");
        assertThat(a.body().get("parameter").asText()).as(path).isEqualTo(parameter);
        assertThat(a.body().get("message").asText()).startsWith(parameter + ":");
    }

    @Test
    void corsAllowsTheConfiguredOriginOnly() throws Exception {
        var allowed = client.get("/api/v1/live/incidents", "Origin", "https://grafana.example.org");
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://grafana.example.org");
        var other = client.get("/api/v1/live/incidents", "Origin", "https://evil.example.com");
        assertThat(other.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void healthzSaysWhetherHistoryIsConfigured() throws Exception {
        var a = client.get("/healthz");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("history").asBoolean()).isFalse();
    }
}
