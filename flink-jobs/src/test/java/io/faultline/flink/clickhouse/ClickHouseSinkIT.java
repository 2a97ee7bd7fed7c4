package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import io.faultline.avro.ServiceHealth;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.clickhouse.ClickHouseContainer;

/** The sink against a real ClickHouse: a batch replayed after a "restart" does not duplicate rows (Docker only). */
class ClickHouseSinkIT {

    static final String IMAGE = "clickhouse/clickhouse-server:24.8";

    @Test
    void aReplayedBatchIsDeduplicated() throws Exception {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        String reason = "ClickHouseSinkIT SKIPPED: no Docker engine reachable, so no ClickHouse container (" + IMAGE
                + ") can start here; it runs in .github/workflows/clickhouse-it.yml";
        if (!docker) {
            System.out.println(reason);
        }
        assumeTrue(docker, reason);
        try (ClickHouseContainer ch = new ClickHouseContainer(IMAGE).withDatabaseName("faultline")) {
            ch.start();
            String sql = Files.readString(Path.of(System.getProperty("faultline.home", "..")).resolve(
                    "infra/clickhouse/migrations/003_service_health.sql"));
            try (Connection c = DriverManager.getConnection(ch.getJdbcUrl(), ch.getUsername(), ch.getPassword());
                 Statement st = c.createStatement()) {
                st.execute(sql.strip().replaceAll(";$", ""));
            }
            for (int run = 0; run < 2; run++) { // the second run replays the batch, as a restart from a checkpoint does
                Batcher<ServiceHealth> b = new Batcher<>(new ServiceHealthRows(), 3, Duration.ofSeconds(5), RetryPolicy.defaults(),
                        new JdbcBatchInserter(ch.getJdbcUrl(), ch.getUsername(), ch.getPassword(), Duration.ofSeconds(30)),
                        SinkMetrics.NONE, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
                for (int i = 0; i < 3; i++) {
                    b.add(ClickHouseSinkTest.health("svc-" + i, i));
                }
                b.flush();
            }
            try (Connection c = DriverManager.getConnection(ch.getJdbcUrl(), ch.getUsername(), ch.getPassword());
                 ResultSet rs = c.createStatement().executeQuery("SELECT count() FROM service_health")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows without FINAL: the replayed insert was dropped by its token").isEqualTo(3);
            }
        }
    }
}
