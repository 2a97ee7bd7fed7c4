package io.faultline.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.testsupport.DockerOrSkip;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.faultline.api.migrate.JdbcMigrationTarget;
import io.faultline.api.migrate.Migration;
import io.faultline.api.migrate.MigrationFiles;
import io.faultline.api.migrate.Migrator;
import io.faultline.api.model.BlastPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.clickhouse.ClickHouseContainer;

/** Migrations and the history repository against a real ClickHouse (Docker only). */
class ClickHouseHistoryIT {

    static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");
    static final Instant T1 = Instant.parse("2021-12-07T15:35:00Z");
    static ClickHouseContainer clickhouse;

    @BeforeAll
    static void start() {
        DockerOrSkip.require("ClickHouseHistoryIT");
        clickhouse = new ClickHouseContainer(DockerOrSkip.CLICKHOUSE_IMAGE).withDatabaseName("faultline");
        clickhouse.start();
    }

    @AfterAll
    static void stop() {
        if (clickhouse != null) {
            clickhouse.stop();
        }
    }

    static Connection connect() throws java.sql.SQLException {
        return DriverManager.getConnection(clickhouse.getJdbcUrl(), clickhouse.getUsername(), clickhouse.getPassword());
    }

    @Test
    void migratesOnceAndServesTheApiQueries() throws Exception {
        List<Migration> all = MigrationFiles.load(Path.of(System.getProperty("faultline.home", "..")).resolve("infra/clickhouse/migrations"));
        try (Connection c = connect()) {
            Migrator m = new Migrator(new JdbcMigrationTarget(c), Clock.systemUTC());
            assertThat(m.migrate(all)).hasSameSizeAs(all);
            assertThat(m.migrate(all)).isEmpty();
            for (long revision = 1; revision <= 2; revision++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO incidents (incident_id, revision, state, title, "
                        + "cause_component_id, provider, region, confidence, p_value, impaired_dependents, total_dependents, "
                        + "status_page_agrees, reasons, service_ids, member_count, active_member_count, merged_from, opened_at, "
                        + "first_impaired_at, event_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    Object[] v = {"inc-1", revision, revision == 1 ? "SUSPECTED" : "CONFIRMED", "AWS", "aws/us-east-1", "aws",
                            "us-east-1", 0.9, 1e-6, 2, 40, false, List.of("r"), List.of("coinbase", "slack"), 2, 2, List.of(),
                            "2021-12-07 15:35:00.000", "2021-12-07 15:32:00.000", "2021-12-07 15:35:00.000"};
                    for (int i = 0; i < v.length; i++) {
                        ps.setObject(i + 1, v[i]);
                    }
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO incident_members (incident_id, service_id, revision, "
                    + "service_name, state, joined_at, provider, region, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (String s : List.of("coinbase", "slack")) {
                    Object[] v = {"inc-1", s, 2, s, "DOWN", "2021-12-07 15:32:00.000", "aws", "us-east-1", "2021-12-07 15:35:00.000"};
                    for (int i = 0; i < v.length; i++) {
                        ps.setObject(i + 1, v[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count() FROM " + JdbcMigrationTarget.TABLE)) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(all.size());
            }
        }
        ClickHouseHistoryRepository repo = new ClickHouseHistoryRepository(ClickHouseHistoryIT::connect, Duration.ofSeconds(10));
        var page = repo.incidents(new IncidentQuery(T0.minusSeconds(3600), T0.plusSeconds(3600), "aws", "us-east-1", "slack", "OPEN", 10, null));
        assertThat(page.items()).hasSize(1);
        assertThat(page.items().get(0).revision()).as("ReplacingMergeTree(revision) + FINAL: latest wins").isEqualTo(2);
        assertThat(repo.incident("inc-1")).hasValueSatisfying(d -> assertThat(d.members()).hasSize(2));
        List<BlastPoint> blast = repo.blastRadius("aws", "", T0.minusSeconds(300), T0.plusSeconds(300), Duration.ofMinutes(5));
        assertThat(blast).extracting(BlastPoint::impairedServices).containsExactly(0L, 2L);
        assertThat(repo.serviceHealth("coinbase", T0, T1, 10)).isEmpty();
    }
}
