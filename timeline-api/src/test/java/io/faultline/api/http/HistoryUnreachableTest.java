package io.faultline.api.http;

import static io.faultline.api.Fixtures.T2;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.history.ClickHouseHistoryRepository;
import io.faultline.api.live.InMemoryLiveStore;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ClickHouse configured but unreachable (a closed port): history endpoints answer 503 with a clear message, not 500. */
class HistoryUnreachableTest {

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void historyEndpointsAnswer503WhenClickHouseCannotBeReached() throws Exception {
        String url = "jdbc:clickhouse://127.0.0.1:" + closedPort() + "/default";
        var history = new ClickHouseHistoryRepository(() -> DriverManager.getConnection(url, "default", ""),
                Duration.ofSeconds(5));
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofSeconds(20)),
                new InMemoryLiveStore(), Optional.of(history), Clock.fixed(T2, ZoneOffset.UTC))) {
            ApiClient client = new ApiClient(api.port());
            for (String path : List.of("/api/v1/incidents", "/api/v1/incidents/aws-us-east-1-20211207T153100Z-abc",
                    "/api/v1/services/coinbase/health", "/api/v1/providers/aws/blast-radius")) {
                var answer = client.get(path);
                assertThat(answer.status()).as(path).isEqualTo(503);
                assertThat(answer.body().get("error").asText()).as(path).isEqualTo("history_unavailable");
                assertThat(answer.body().get("message").asText()).as(path)
                        .startsWith("the ClickHouse history store cannot be reached (")
                        .doesNotContain("SQLException:");
            }
        }
    }

    @Test
    void aFailingQueryOnAReachableStoreIsNotTakenForAnOutage() {
        assertThat(HistoryEndpoints.connectionFailure(new java.sql.SQLException("Code: 62. Syntax error", "42000"))).isNull();
        assertThat(HistoryEndpoints.connectionFailure(new java.sql.SQLException("no route", "08001"))).isNotNull();
        assertThat(HistoryEndpoints.connectionFailure(new RuntimeException(new java.net.ConnectException("refused"))))
                .isInstanceOf(java.net.ConnectException.class);
    }
}
