package io.faultline.api.http;

import static io.faultline.api.Fixtures.INCIDENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import io.faultline.api.Fixtures;
import io.faultline.api.history.Cursor;
import io.faultline.api.history.HistoryRepository;
import io.faultline.api.history.IncidentQuery;
import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.model.BlastPoint;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** History endpoints over a recording in-test repository: parameters reach the repository as typed queries. */
class HistoryEndpointsTest {

    static final Instant NOW = Instant.parse("2021-12-08T00:00:00Z");
    static final List<Object> CALLS = new ArrayList<>();
    static final CountDownLatch NEVER = new CountDownLatch(1);
    static TimelineApi api;
    static ApiClient client;

    static final class RecordingRepository implements HistoryRepository {
        @Override
        public Page<IncidentView> incidents(IncidentQuery q) {
            CALLS.add(q);
            if (q.provider().equals("slow")) {
                try {
                    NEVER.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            IncidentView v = Fixtures.awsIncident(3, "CONFIRMED").incident();
            return new Page<>(List.of(v), new Cursor(v.openedAt(), v.id()).encode());
        }

        @Override
        public Optional<IncidentDetail> incident(String id) {
            CALLS.add(id);
            return id.equals(INCIDENT_ID) ? Optional.of(Fixtures.awsIncident(4, "RESOLVED")) : Optional.empty();
        }

        @Override
        public List<HealthView> serviceHealth(String serviceId, Instant from, Instant to, int limit) {
            CALLS.add(List.of(serviceId, from, to, limit));
            return List.of(Fixtures.health(serviceId, "DOWN", Fixtures.T0));
        }

        @Override
        public List<BlastPoint> blastRadius(String provider, String region, Instant from, Instant to, Duration step) {
            CALLS.add(List.of(provider, region, from, to, step));
            return List.of(new BlastPoint(from, 2, 1));
        }
    }

    @BeforeAll
    static void start() {
        api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofMillis(300)), new InMemoryLiveStore(),
                Optional.of(new RecordingRepository()), Clock.fixed(NOW, ZoneOffset.UTC));
        client = new ApiClient(api.port());
    }

    @AfterAll
    static void stop() {
        NEVER.countDown();
        api.close();
    }

    @Test
    void listPassesEveryFilterAndReturnsTheCursor() throws Exception {
        var a = client.get("/api/v1/incidents?from=2021-12-07T00:00:00Z&provider=aws&region=us-east-1&service=slack&state=open&limit=20");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().at("/items/0/id").asText()).isEqualTo(INCIDENT_ID);
        assertThat(a.body().get("nextCursor").asText()).isNotEmpty();
        IncidentQuery q = (IncidentQuery) CALLS.get(CALLS.size() - 1);
        assertThat(q).isEqualTo(new IncidentQuery(Instant.parse("2021-12-07T00:00:00Z"), NOW, "aws", "us-east-1", "slack",
                "OPEN", 20, null));
        var next = client.get("/api/v1/incidents?cursor=" + a.body().get("nextCursor").asText());
        assertThat(next.status()).isEqualTo(200);
        IncidentQuery q2 = (IncidentQuery) CALLS.get(CALLS.size() - 1);
        assertThat(q2.after()).isEqualTo(new Cursor(Fixtures.T1, INCIDENT_ID));
        assertThat(q2.from()).as("any time by default").isEqualTo(Instant.EPOCH);
    }

    @Test
    void oneIncidentPrefersHistory() throws Exception {
        var a = client.get("/api/v1/incidents/" + INCIDENT_ID);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().at("/incident/revision").asLong()).isEqualTo(4);
        assertThat(a.body().at("/incident/resolvedAt").asText()).isEqualTo("2021-12-07T16:22:00Z");
        assertThat(client.get("/api/v1/incidents/other").status()).isEqualTo(404);
    }

    @Test
    void serviceHealthDefaultsToTheLastWeek() throws Exception {
        var a = client.get("/api/v1/services/coinbase/health?limit=5");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get(0).get("state").asText()).isEqualTo("DOWN");
        assertThat(CALLS.get(CALLS.size() - 1)).isEqualTo(List.of("coinbase", NOW.minus(Duration.ofDays(7)), NOW, 5));
    }

    @Test
    void blastRadiusTakesRegionAndStep() throws Exception {
        var a = client.get("/api/v1/providers/aws/blast-radius?region=us-east-1&from=2021-12-07T15:00:00Z&to=2021-12-07T18:00:00Z&step=PT15M");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get(0).get("impairedServices").asLong()).isEqualTo(2);
        assertThat(CALLS.get(CALLS.size() - 1)).isEqualTo(List.of("aws", "us-east-1", Instant.parse("2021-12-07T15:00:00Z"),
                Instant.parse("2021-12-07T18:00:00Z"), Duration.ofMinutes(15)));
        var tooMany = client.get("/api/v1/providers/aws/blast-radius?from=2021-11-01T00:00:00Z&to=2021-12-01T00:00:00Z&step=PT1M");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().get("parameter").asText()).isEqualTo("step");
    }

    @Test
    void aSlowQueryIsCutOffWith504() throws Exception {
        var a = client.get("/api/v1/incidents?provider=slow");
        assertThat(a.status()).isEqualTo(504);
        assertThat(a.body().get("error").asText()).isEqualTo("timeout");
        assertThat(a.body().get("message").asText()).contains("300 ms");
    }
}
