package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.faultline.flink.clickhouse.SinkFixtures.health;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.faultline.avro.ServiceHealth;
import io.faultline.flink.clickhouse.FakeClickHouse.Behaviour;
import io.faultline.testsupport.ManualClock;
import org.junit.jupiter.api.Test;

/** Batching, retries and de-duplication tokens through the real JDBC driver against a failing local HTTP server. */
class ClickHouseSinkTest {

    static final Instant T0 = SinkFixtures.T0;

    static final class CountingMetrics implements SinkMetrics {
        int rows;
        int batches;
        int retries;
        long lag = -1;

        @Override
        public void rowsWritten(int n) {
            rows += n;
        }

        @Override
        public void batchWritten() {
            batches++;
        }

        @Override
        public void retried() {
            retries++;
        }

        @Override
        public void lagMillis(long l) {
            lag = l;
        }
    }

    final ManualClock clock = new ManualClock(T0.plusSeconds(120));
    final CountingMetrics metrics = new CountingMetrics();
    final List<Duration> sleeps = new ArrayList<>();

    Batcher<ServiceHealth> batcher(FakeClickHouse server, int maxRows, Duration socketTimeout) {
        JdbcBatchInserter inserter = new JdbcBatchInserter(server.jdbcUrl(), "default", "", socketTimeout);
        return new Batcher<>(new ServiceHealthRows(), maxRows, Duration.ofSeconds(2),
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1)), inserter, metrics, clock, sleeps::add);
    }

    @Test
    void writesFullBatchesAsOneMultiRowInsertWithItsToken() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse()) {
            Batcher<ServiceHealth> b = batcher(server, 3, Duration.ofSeconds(5));
            for (int i = 0; i < 7; i++) {
                b.add(health("svc-" + i, i));
            }
            assertThat(server.requests()).hasSize(2);
            assertThat(b.buffered()).isEqualTo(1);
            var first = server.requests().get(0);
            assertThat(first.body()).startsWith("INSERT INTO service_health (row_id, service_id, state")
                    .contains("'svc-0'", "'svc-1'", "'svc-2'").doesNotContain("'svc-3'")
                    .contains("'2021-12-07 15:32:00.000'")
                    .contains("it\\'s down")
                    .contains("['STATUS_PAGE'], ['it\\'s down'], ['2021-12-07 15:32:00.000'], [1.0]");
            ServiceHealthRows rows = new ServiceHealthRows();
            String expectedToken = Batcher.token("service_health",
                    List.of(rows.rowKey(health("svc-0", 0)), rows.rowKey(health("svc-1", 1)), rows.rowKey(health("svc-2", 2))));
            assertThat(first.params()).containsEntry("insert_deduplication_token", expectedToken);
            assertThat(server.requests().get(1).params().get("insert_deduplication_token")).isNotEqualTo(expectedToken);
            b.flush();
            assertThat(server.requests()).hasSize(3);
            assertThat(metrics.rows).isEqualTo(7);
            assertThat(metrics.batches).isEqualTo(3);
            assertThat(metrics.lag).isEqualTo(Duration.between(T0.plusSeconds(360), clock.instant()).toMillis());
        }
    }

    @Test
    void writesAPartialBatchOnceItHasWaitedMaxDelay() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse()) {
            Batcher<ServiceHealth> b = batcher(server, 100, Duration.ofSeconds(5));
            b.add(health("svc-a", 0));
            clock.advance(Duration.ofMillis(1_999));
            b.flushIfDue();
            assertThat(server.requests()).isEmpty();
            clock.advance(Duration.ofMillis(1));
            b.flushIfDue();
            assertThat(server.requests()).hasSize(1);
            assertThat(b.buffered()).isZero();
        }
    }

    @Test
    void retriesAClickHouseOverloadWithTheSameTokenAndBackoff() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse(Behaviour.ERROR_241_MEMORY, Behaviour.ERROR_241_MEMORY)) {
            Batcher<ServiceHealth> b = batcher(server, 2, Duration.ofSeconds(5));
            b.add(health("svc-a", 0));
            b.add(health("svc-b", 1));
            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests()).extracting(r -> r.params().get("insert_deduplication_token")).containsOnly(
                    server.requests().get(0).params().get("insert_deduplication_token"));
            assertThat(server.requests()).extracting(FakeClickHouse.Request::body).containsOnly(server.requests().get(0).body());
            assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(metrics.retries).isEqualTo(2);
            assertThat(metrics.batches).isEqualTo(1);
        }
    }

    @Test
    void retriesADroppedConnection() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse(Behaviour.DROP)) {
            Batcher<ServiceHealth> b = batcher(server, 1, Duration.ofSeconds(5));
            b.add(health("svc-a", 0));
            assertThat(server.requests()).hasSize(2);
            assertThat(metrics.retries).isEqualTo(1);
            assertThat(metrics.rows).isEqualTo(1);
        }
    }

    @Test
    void retriesAfterTheServerDoesNotAnswerInTime() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse(Behaviour.HANG)) {
            Batcher<ServiceHealth> b = batcher(server, 1, Duration.ofMillis(500));
            b.add(health("svc-a", 0));
            // the HTTP client may itself resend a request that timed out: every copy carries the same token,
            // which is what lets ClickHouse keep one of them
            assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(server.requests()).extracting(r -> r.params().get("insert_deduplication_token"))
                    .containsOnly(server.requests().get(0).params().get("insert_deduplication_token"));
            assertThat(metrics.retries).isGreaterThanOrEqualTo(1);
            assertThat(metrics.rows).isEqualTo(1);
            assertThat(b.buffered()).isZero();
        }
    }

    @Test
    void aPermanentErrorFailsAtOnceAndKeepsTheRows() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse(Behaviour.ERROR_60_UNKNOWN_TABLE)) {
            Batcher<ServiceHealth> b = batcher(server, 10, Duration.ofSeconds(5));
            b.add(health("svc-a", 0));
            assertThatThrownBy(b::flush).isInstanceOf(IOException.class)
                    .hasMessageContaining("failed after 1 attempt(s)").hasMessageContaining("Code: 60.");
            assertThat(server.requests()).hasSize(1);
            assertThat(b.buffered()).isEqualTo(1);
            b.flush(); // the table exists now: the same rows go out
            assertThat(server.requests()).hasSize(2);
            assertThat(b.buffered()).isZero();
        }
    }

    @Test
    void givesUpAfterMaxRetries() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse(Behaviour.ERROR_241_MEMORY, Behaviour.ERROR_241_MEMORY,
                Behaviour.ERROR_241_MEMORY, Behaviour.ERROR_241_MEMORY)) {
            Batcher<ServiceHealth> b = batcher(server, 10, Duration.ofSeconds(5));
            b.add(health("svc-a", 0));
            assertThatThrownBy(b::flush).isInstanceOf(IOException.class).hasMessageContaining("failed after 4 attempt(s)")
                    .hasMessageContaining("MEMORY_LIMIT_EXCEEDED");
            assertThat(server.requests()).hasSize(4);
            assertThat(b.buffered()).isEqualTo(1);
        }
    }

    @Test
    void aReplayedBatchCarriesTheSameToken() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse()) {
            for (int run = 0; run < 2; run++) { // two writer lifetimes, e.g. before and after a restart
                Batcher<ServiceHealth> b = batcher(server, 2, Duration.ofSeconds(5));
                b.add(health("svc-a", 0));
                b.add(health("svc-b", 1));
            }
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1).params().get("insert_deduplication_token"))
                    .isEqualTo(server.requests().get(0).params().get("insert_deduplication_token"));
        }
    }
}
