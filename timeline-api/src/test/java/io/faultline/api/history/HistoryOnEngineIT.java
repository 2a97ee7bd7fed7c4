package io.faultline.api.history;

import static io.faultline.api.history.EngineHistory.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.faultline.api.migrate.JdbcMigrationTarget;
import io.faultline.api.migrate.Migration;
import io.faultline.api.migrate.MigrationException;
import io.faultline.api.migrate.Migrator;
import io.faultline.api.model.BlastPoint;
import io.faultline.api.model.EventView;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.MemberView;
import io.faultline.api.model.Page;
import io.faultline.clickhouse.engine.ClickHouseEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The migrations and the history repository behind every history endpoint, on the real ClickHouse
 * engine (chDB 26.7 in a child process). Engine vs server: the migrations create non-replicated
 * tables (the engine has no Keeper; the cluster variant is in infra/clickhouse/cluster), and the
 * engine knows the {@code default} user only, so credentials are not exercised here (the
 * Testcontainers {@link ClickHouseHistoryIT} covers a full server where Docker exists).
 */
class HistoryOnEngineIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    static String url;
    static ClickHouseHistoryRepository repo;

    @BeforeAll
    static void load() throws Exception {
        url = EngineHistory.migratedDatabase(CLICKHOUSE, "history");
        EngineHistory.load(url);
        repo = new ClickHouseHistoryRepository(() -> EngineHistory.connect(url), Duration.ofSeconds(10));
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    @Test
    void migrationsApplyInOrderOnceWithTheirChecksums() throws Exception {
        List<Migration> all = EngineHistory.migrations();
        String fresh = CLICKHOUSE.jdbcUrl(CLICKHOUSE.freshDatabase("migrations"));
        try (Connection c = EngineHistory.connect(fresh)) {
            Migrator m = new Migrator(new JdbcMigrationTarget(c), java.time.Clock.systemUTC());
            assertThat(m.migrate(all)).extracting(Migration::version).containsExactlyElementsOf(all.stream().map(Migration::version).toList());
            assertThat(m.migrate(all)).as("a second run applies nothing").isEmpty();
            List<String> recorded = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT version, name, checksum FROM "
                    + JdbcMigrationTarget.TABLE + " FINAL ORDER BY applied_at, version")) {
                while (rs.next()) {
                    recorded.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
            assertThat(recorded).as("recorded once each, in order, with the files' checksums")
                    .containsExactlyElementsOf(all.stream().map(x -> x.version() + " " + x.name() + " " + x.checksum()).toList());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("raw_observations", "signals", "service_health", "incidents", "incident_members",
                    "incident_events", "provider_impact_1m", "provider_impact_1m_mv", "service_health_1h_mv", "signals_1m_mv",
                    "dead_letters", "dead_letters_1m_mv");
            List<Migration> edited = new ArrayList<>(all);
            Migration fourth = all.get(3);
            edited.set(3, Migration.of(fourth.version(), fourth.name(), fourth.sql() + "\n-- edited\n"));
            assertThatThrownBy(() -> m.migrate(edited)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining(fourth.name()).hasMessageContaining("edited");
        }
    }

    @Test
    void listsIncidentsNewestFirstWithEveryFilterAndPages() throws Exception {
        Page<IncidentView> all = repo.incidents(new IncidentQuery(at(-60), at(120), "", "", "", "", 10, null));
        assertThat(all.items()).extracting(IncidentView::id, IncidentView::revision, IncidentView::state)
                .as("FINAL: the latest revision of each incident, newest first")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("inc-gcp", 1L, "CONFIRMED"),
                        org.assertj.core.groups.Tuple.tuple("inc-aws", 3L, "RESOLVED"));
        IncidentView aws = all.items().get(1);
        assertThat(aws.cause().componentId()).isEqualTo("aws/us-east-1");
        assertThat(aws.provider()).isEqualTo("aws");
        assertThat(aws.serviceIds()).containsExactly("coinbase", "slack", "venmo");
        assertThat(aws.openedAt()).isEqualTo(at(3));
        assertThat(aws.resolvedAt()).isEqualTo(at(60));
        assertThat(all.nextCursor()).isNull();

        assertThat(ids(new IncidentQuery(at(-60), at(120), "aws", "", "", "", 10, null))).containsExactly("inc-aws");
        assertThat(ids(new IncidentQuery(at(-60), at(120), "", "europe-west1", "", "", 10, null))).containsExactly("inc-gcp");
        assertThat(ids(new IncidentQuery(at(-60), at(120), "", "", "slack", "", 10, null))).containsExactly("inc-aws");
        assertThat(ids(new IncidentQuery(at(-60), at(120), "", "", "", "OPEN", 10, null))).containsExactly("inc-gcp");
        assertThat(ids(new IncidentQuery(at(-60), at(120), "", "", "", "RESOLVED", 10, null))).containsExactly("inc-aws");
        assertThat(ids(new IncidentQuery(at(4), at(120), "", "", "", "", 10, null))).as("opened in [from, to)").containsExactly("inc-gcp");

        Page<IncidentView> first = repo.incidents(new IncidentQuery(at(-60), at(120), "", "", "", "", 1, null));
        assertThat(first.items()).extracting(IncidentView::id).containsExactly("inc-gcp");
        assertThat(first.nextCursor()).isNotNull();
        Page<IncidentView> second = repo.incidents(new IncidentQuery(at(-60), at(120), "", "", "", "", 1,
                Cursor.decode(first.nextCursor())));
        assertThat(second.items()).extracting(IncidentView::id).containsExactly("inc-aws");
        assertThat(second.nextCursor()).isNull();
    }

    private static List<String> ids(IncidentQuery q) throws Exception {
        return repo.incidents(q).items().stream().map(IncidentView::id).toList();
    }

    @Test
    void oneIncidentWithItsLatestMembersAndItsTimelineOnce() throws Exception {
        IncidentDetail d = repo.incident("inc-aws").orElseThrow();
        assertThat(d.incident().revision()).isEqualTo(3);
        assertThat(d.members()).extracting(MemberView::serviceId, MemberView::state, MemberView::leftAt)
                .as("members of the latest revision, by join time")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("coinbase", "LEFT", at(50)),
                        org.assertj.core.groups.Tuple.tuple("slack", "LEFT", at(55)),
                        org.assertj.core.groups.Tuple.tuple("venmo", "LEFT", at(30)));
        assertThat(d.timeline()).extracting(EventView::kind)
                .as("each entry once although two revisions carried it, oldest first")
                .containsExactly("MEMBER_JOINED", "MEMBER_JOINED", "MEMBER_JOINED", "OPENED", "CONFIRMED", "STATUS_PAGE", "RESOLVED");
        assertThat(d.timeline().get(0).time()).isEqualTo(at(0));
        assertThat(repo.incident("no-such-incident")).isEmpty();
    }

    @Test
    void oneServicesHealthChangesWithTheirEvidence() throws Exception {
        List<HealthView> changes = repo.serviceHealth("coinbase", at(-1), at(120), 10);
        assertThat(changes).extracting(HealthView::state, HealthView::previousState, HealthView::eventTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DOWN", "UP", at(0)),
                        org.assertj.core.groups.Tuple.tuple("UP", "DOWN", at(50)));
        assertThat(changes.get(0).evidence()).extracting(e -> e.source() + " " + e.detail() + " " + e.time() + " " + e.weight())
                .containsExactly("statuspage major outage " + at(0) + " 0.6000000238418579",
                        "probe HTTP 503 " + at(0) + " 0.4000000059604645");
        assertThat(repo.serviceHealth("coinbase", at(-1), at(120), 1)).hasSize(1);
        assertThat(repo.serviceHealth("coinbase", at(1), at(50), 10)).as("[from, to)").isEmpty();
    }

    @Test
    void blastRadiusCountsMembersImpairedInEachBucket() throws Exception {
        List<BlastPoint> points = repo.blastRadius("aws", "", at(0), at(60), Duration.ofMinutes(10));
        // coinbase [0, 50], slack [1, 55], venmo [2, 30]: a member counts where it joined before the bucket's end and left at or after its start
        assertThat(points).extracting(BlastPoint::bucket, BlastPoint::impairedServices, BlastPoint::incidents).containsExactly(
                org.assertj.core.groups.Tuple.tuple(at(0), 3L, 1L), org.assertj.core.groups.Tuple.tuple(at(10), 3L, 1L),
                org.assertj.core.groups.Tuple.tuple(at(20), 3L, 1L), org.assertj.core.groups.Tuple.tuple(at(30), 3L, 1L),
                org.assertj.core.groups.Tuple.tuple(at(40), 2L, 1L), org.assertj.core.groups.Tuple.tuple(at(50), 2L, 1L));
        assertThat(repo.blastRadius("aws", "eu-west-1", at(0), at(20), Duration.ofMinutes(10)))
                .extracting(BlastPoint::impairedServices).as("empty buckets are filled with zero").containsExactly(0L, 0L);
    }

    @Test
    void rollupsFollowTheirSourcesAndIgnoreARepeatedRow() throws Exception {
        try (Connection c = EngineHistory.connect(url)) {
            assertThat(longs(c, "SELECT uniqMerge(services) FROM provider_impact_1m WHERE provider = 'aws'"))
                    .as("services of aws in the members' rollup").containsExactly(3L);
            assertThat(strings(c, "SELECT toString(minute) || ' ' || toString(uniqMerge(services)) FROM provider_impact_1m "
                    + "WHERE provider = 'aws' GROUP BY minute ORDER BY minute"))
                    .containsExactly(EngineHistory.t(0).substring(0, 19) + " 1", EngineHistory.t(1).substring(0, 19) + " 1",
                            EngineHistory.t(2).substring(0, 19) + " 1");
            assertThat(strings(c, "SELECT service_id || ' ' || state || ' ' || toString(uniqMerge(changes)) FROM service_health_1h "
                    + "GROUP BY service_id, state ORDER BY service_id, state"))
                    .containsExactly("coinbase DOWN 1", "coinbase UP 1", "slack DEGRADED 1", "spotify DOWN 1");
            assertThat(strings(c, "SELECT source || ' ' || toString(uniqMerge(signals)) || ' ' "
                    + "|| toString(quantilesMerge(0.5, 0.99)(lag_ms)) FROM signals_1m GROUP BY source ORDER BY source"))
                    // lags: probe 60 s and 0 s (quantiles interpolate: median 30 s), social 60 s, statuspage 0 s
                    .containsExactly("probe 2 [30000,59400]", "social 1 [60000,60000]", "statuspage 1 [0,0]");
            assertThat(strings(c, "SELECT source || ' ' || error_type || ' ' || toString(uniqMerge(letters)) FROM dead_letters_1m "
                    + "GROUP BY source, error_type ORDER BY source")).containsExactly("social SCHEMA 1", "statuspage PARSE 1");

            EngineHistory.insert(c, "incident_members", new String[]{"incident_id", "service_id", "revision", "service_name",
                    "state", "joined_at", "region", "provider", "opened_at"}, List.<Object[]>of(new Object[]{"inc-aws", "coinbase", 4,
                    "Coinbase", "LEFT", EngineHistory.t(0), "us-east-1", "aws", EngineHistory.t(3)}));
            assertThat(longs(c, "SELECT uniqMerge(services) FROM provider_impact_1m WHERE provider = 'aws'"))
                    .as("a member arriving again in a later revision is not counted twice").containsExactly(3L);
        }
    }

    private static List<Long> longs(Connection c, String sql) throws Exception {
        return strings(c, sql).stream().map(Long::parseLong).toList();
    }

    private static List<String> strings(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
