package io.faultline.api.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;

import io.faultline.api.migrate.JdbcMigrationTarget;
import io.faultline.api.migrate.Migration;
import io.faultline.api.migrate.MigrationFiles;
import io.faultline.api.migrate.Migrator;
import io.faultline.clickhouse.engine.ClickHouseEngine;

/**
 * A small, known outage history written into a freshly migrated database of the real ClickHouse
 * engine, for the history and dashboard ITs. AWS us-east-1: coinbase, slack and venmo impaired
 * from T0, the incident opened at T0+3m, confirmed, then resolved at T0+60m (three revisions,
 * the older ones stored too, as the sink stores them); GCP europe-west1: spotify, open since
 * T0+10m. Health changes, signals from two sources and two dead letters go with it.
 */
public final class EngineHistory {

    /**
     * Yesterday, at half past an hour: recent because the raw tables expire rows by event time
     * (dead letters and raw observations after 30 days, signals after 400), so an old outage
     * would lose those rows as soon as it is written.
     */
    public static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1)).plusSeconds(1800);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private EngineHistory() {
    }

    /** A new database with every migration applied; returns its JDBC URL. */
    public static String migratedDatabase(ClickHouseEngine clickhouse, String prefix) throws Exception {
        String url = clickhouse.jdbcUrl(clickhouse.freshDatabase(prefix));
        try (Connection c = connect(url)) {
            new Migrator(new JdbcMigrationTarget(c), Clock.systemUTC()).migrate(migrations());
        }
        return url;
    }

    public static List<Migration> migrations() throws Exception {
        return MigrationFiles.load(Path.of(System.getProperty("faultline.home", "..")).resolve("infra/clickhouse/migrations"));
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "default", "");
    }

    static String t(int minutes) {
        return TIME.format(T0.plusSeconds(60L * minutes));
    }

    /** Writes the outage history. */
    public static void load(String url) throws SQLException {
        try (Connection c = connect(url)) {
            String[] incident = {"incident_id", "revision", "state", "title", "cause_component_id", "cause_name", "cause_kind",
                    "provider", "region", "confidence", "p_value", "impaired_dependents", "total_dependents",
                    "status_page_agrees", "reasons", "service_ids", "member_count", "active_member_count", "merged_from",
                    "opened_at", "first_impaired_at", "resolved_at", "event_time"};
            insert(c, "incidents", incident, List.of(
                    new Object[]{"inc-aws", 1, "SUSPECTED", "AWS us-east-1", "aws/us-east-1", "AWS us-east-1", "REGION", "aws",
                            "us-east-1", 0.7, 1e-4, 2, 40, false, List.of("2 of 40 dependents down"),
                            List.of("coinbase", "slack"), 2, 2, List.of(), t(3), t(0), null, t(3)},
                    new Object[]{"inc-aws", 2, "CONFIRMED", "AWS us-east-1", "aws/us-east-1", "AWS us-east-1", "REGION", "aws",
                            "us-east-1", 0.95, 1e-7, 3, 40, true, List.of("3 of 40 dependents down", "status page agrees"),
                            List.of("coinbase", "slack", "venmo"), 3, 3, List.of(), t(3), t(0), null, t(6)},
                    new Object[]{"inc-aws", 3, "RESOLVED", "AWS us-east-1", "aws/us-east-1", "AWS us-east-1", "REGION", "aws",
                            "us-east-1", 0.95, 1e-7, 3, 40, true, List.of("3 of 40 dependents down", "status page agrees"),
                            List.of("coinbase", "slack", "venmo"), 3, 0, List.of(), t(3), t(0), t(60), t(60)},
                    new Object[]{"inc-gcp", 1, "CONFIRMED", "GCP europe-west1", "gcp/europe-west1", "GCP europe-west1", "REGION",
                            "gcp", "europe-west1", 0.9, 1e-5, 1, 12, false, List.of("1 of 12 dependents down"),
                            List.of("spotify"), 1, 1, List.of(), t(10), t(9), null, t(10)}));
            String[] member = {"incident_id", "service_id", "revision", "service_name", "state", "joined_at", "left_at",
                    "region", "provider", "opened_at"};
            insert(c, "incident_members", member, List.of(
                    new Object[]{"inc-aws", "coinbase", 1, "Coinbase", "DOWN", t(0), null, "us-east-1", "aws", t(3)},
                    new Object[]{"inc-aws", "slack", 1, "Slack", "DEGRADED", t(1), null, "us-east-1", "aws", t(3)},
                    new Object[]{"inc-aws", "coinbase", 3, "Coinbase", "LEFT", t(0), t(50), "us-east-1", "aws", t(3)},
                    new Object[]{"inc-aws", "slack", 3, "Slack", "LEFT", t(1), t(55), "us-east-1", "aws", t(3)},
                    new Object[]{"inc-aws", "venmo", 3, "Venmo", "LEFT", t(2), t(30), "us-east-1", "aws", t(3)},
                    new Object[]{"inc-gcp", "spotify", 1, "Spotify", "DOWN", t(9), null, "europe-west1", "gcp", t(10)}));
            String[] event = {"incident_id", "time", "kind", "service_id", "component_id", "revision", "message", "opened_at"};
            List<Object[]> events = new java.util.ArrayList<>();
            for (int revision = 2; revision <= 3; revision++) { // each revision carries the whole timeline again
                events.add(new Object[]{"inc-aws", t(0), "MEMBER_JOINED", "coinbase", "", revision, "coinbase DOWN", t(3)});
                events.add(new Object[]{"inc-aws", t(1), "MEMBER_JOINED", "slack", "", revision, "slack DEGRADED", t(3)});
                events.add(new Object[]{"inc-aws", t(2), "MEMBER_JOINED", "venmo", "", revision, "venmo DOWN", t(3)});
                events.add(new Object[]{"inc-aws", t(3), "OPENED", "", "aws/us-east-1", revision, "suspected AWS us-east-1", t(3)});
                events.add(new Object[]{"inc-aws", t(6), "CONFIRMED", "", "aws/us-east-1", revision, "status page agrees", t(3)});
            }
            events.add(new Object[]{"inc-aws", t(20), "STATUS_PAGE", "", "aws/us-east-1", 3, "AWS acknowledges increased error rates", t(3)});
            events.add(new Object[]{"inc-aws", t(60), "RESOLVED", "", "aws/us-east-1", 3, "all members recovered", t(3)});
            events.add(new Object[]{"inc-gcp", t(10), "OPENED", "", "gcp/europe-west1", 1, "suspected GCP europe-west1", t(10)});
            insert(c, "incident_events", event, events);
            String[] health = {"row_id", "service_id", "state", "previous_state", "confidence", "since", "region",
                    "evidence_source", "evidence_detail", "evidence_time", "evidence_weight", "event_time"};
            insert(c, "service_health", health, List.of(
                    new Object[]{1, "coinbase", "DOWN", "UP", 0.9, t(0), "us-east-1", List.of("statuspage", "probe"),
                            List.of("major outage", "HTTP 503"), List.of(t(0), t(0)), List.of(0.6f, 0.4f), t(0)},
                    new Object[]{2, "coinbase", "UP", "DOWN", 0.8, t(50), "us-east-1", List.of(), List.of(), List.of(),
                            List.of(), t(50)},
                    new Object[]{3, "slack", "DEGRADED", "UP", 0.7, t(1), "us-east-1", List.of("social"),
                            List.of("12 posts"), List.of(t(1)), List.of(1.0f), t(1)},
                    new Object[]{4, "spotify", "DOWN", "UP", 0.85, t(9), "europe-west1", List.of("probe"),
                            List.of("timeout"), List.of(t(9)), List.of(1.0f), t(9)}));
            String[] signal = {"signal_id", "entity_id", "source", "observed_state", "strength", "region", "event_time", "observed_at"};
            insert(c, "signals", signal, List.of(
                    new Object[]{"s1", "coinbase", "statuspage", "DOWN", 0.9, "us-east-1", t(0), t(0)},
                    new Object[]{"s2", "coinbase", "probe", "DOWN", 1.0, "us-east-1", t(0), t(1)},
                    new Object[]{"s3", "slack", "social", "DEGRADED", 0.5, "us-east-1", t(1), t(2)},
                    new Object[]{"s4", "spotify", "probe", "DOWN", 1.0, "europe-west1", t(9), t(9)}));
            String[] letter = {"row_id", "source", "error_type", "reason", "payload_b64", "event_time"};
            insert(c, "dead_letters", letter, List.of(
                    new Object[]{1, "statuspage", "PARSE", "unexpected token", "e30=", t(5)},
                    new Object[]{2, "social", "SCHEMA", "missing field", "e30=", t(7)}));
        }
    }

    static void insert(Connection c, String table, String[] columns, List<Object[]> rows) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    ps.setObject(i + 1, row[i]);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
