package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentEvent;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.clickhouse.engine.ClickHouseEngine;
import io.faultline.flink.correlation.CorrelationFixtures;
import io.faultline.flink.correlation.CorrelationStreams;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The correlation job on a Flink mini cluster with its ClickHouse sinks attached as
 * {@code faultline run correlation --clickhouse-url} attaches them, writing to the real ClickHouse
 * engine (chDB 26.7 as a child process, see {@link ClickHouseEngine}) through the JDBC driver: each
 * table holds exactly what the job emitted, and a restart that replays batches leaves no
 * duplicate (the deduplication token drops the replayed insert: merges are stopped, so the raw
 * rows show it; then ReplacingMergeTree with FINAL keeps one row per key). Engine vs server:
 * the tables are the non-replicated ones of infra/clickhouse/migrations (the engine has no
 * Keeper), and the engine knows the {@code default} user only. Faults a real server cannot be
 * made to produce on cue are in {@link CorrelationHistorySinksFaultsTest}.
 */
class CorrelationHistorySinksIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    @RegisterExtension
    static final MiniClusterExtension FLINK = HistorySinkJobs.miniCluster();

    private static final String[] TABLES = {"incidents", "incident_members", "incident_events", "service_health", "signals"};
    /** Fails the first pass once: the task fails after some batches went out, and Flink restarts it. */
    static final AtomicBoolean FAIL_ONCE = new AtomicBoolean();

    static ClickHouseSql database(String prefix) throws Exception {
        String db = CLICKHOUSE.freshDatabase(prefix);
        ClickHouseSql sql = new ClickHouseSql(CLICKHOUSE.jdbcUrl(db), "default", "");
        sql.migrate("002_signals.sql", "003_service_health.sql", "004_incidents.sql", "005_incident_members.sql",
                "006_incident_events.sql");
        for (String table : TABLES) { // every row the sinks wrote stays visible: only the tokens, not a merge, can drop one
            sql.execute("SYSTEM STOP MERGES " + table);
        }
        return sql;
    }

    static ClickHouseSinkConfig sinkConfig(ClickHouseSql sql, int batchRows) {
        return new ClickHouseSinkConfig(sql.jdbcUrl(), batchRows, HistorySinkJobs.NEVER, Duration.ofSeconds(30),
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    @Test
    void aStreamingRunWritesEveryRevisionMemberEventHealthChangeAndSignalItHandled() throws Exception {
        ClickHouseSql sql = database("sinks_streaming");
        List<CorrelatedIncident> emitted = HistorySinkJobs.emitted(build(HistorySinkJobs.streaming(), sql, 5, false));

        assertThat(emitted).as("the job found the outage").isNotEmpty();
        assertStoredRowsAre(sql, emitted);
    }

    @Test
    void aRestartThatReplaysBatchesLeavesEveryRowOnce() throws Exception {
        ClickHouseSql sql = database("sinks_restart");
        FAIL_ONCE.set(true);
        StreamExecutionEnvironment env = HistorySinkJobs.batchWithRestarts();
        build(env, sql, 4, true);
        env.execute("correlation-to-clickhouse-restart");
        assertThat(FAIL_ONCE.get()).as("the injected failure happened, so the job was restarted").isFalse();

        List<CorrelatedIncident> expected = HistorySinkJobs.batchRevisions();
        assertStoredRowsAre(sql, expected);

        for (String table : TABLES) {
            sql.execute("SYSTEM START MERGES " + table);
            sql.execute("OPTIMIZE TABLE " + table + " FINAL");
        }
        assertThat(sql.count("SELECT count() FROM incidents"))
                .as("after merging, ReplacingMergeTree(revision) keeps one row per incident")
                .isEqualTo(expected.stream().map(CorrelatedIncident::getIncidentId).distinct().count());
        assertThat(sql.rows("SELECT incident_id, revision FROM incidents FINAL ORDER BY incident_id"))
                .as("the latest revision of each incident wins")
                .containsExactlyElementsOf(expected.stream().collect(java.util.stream.Collectors.toMap(
                        CorrelatedIncident::getIncidentId, CorrelatedIncident::getRevision, Math::max, java.util.TreeMap::new))
                        .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    @Test
    void aBatchSentAgainWithItsTokenIsDropped() throws Exception {
        ClickHouseSql sql = database("sinks_token");
        List<ServiceHealth> health = CorrelationFixtures.outageHealth().subList(0, 3);
        for (int run = 0; run < 2; run++) { // the second run sends the same batch, as a writer restored from a checkpoint does
            Batcher<ServiceHealth> b = new Batcher<>(new ServiceHealthRows(), 3, Duration.ofSeconds(5), RetryPolicy.defaults(),
                    new JdbcBatchInserter(sql.jdbcUrl(), "default", "", Duration.ofSeconds(30)),
                    SinkMetrics.NONE, Clock.systemUTC(), Batcher.Sleeper.THREAD);
            for (ServiceHealth h : health) {
                b.add(h);
            }
            b.flush();
        }
        assertThat(sql.count("SELECT count() FROM service_health")).as("rows without FINAL, merges stopped").isEqualTo(3);
    }

    /** The job with every history sink attached; with {@code failOnce}, the signals pass through {@link FailOnce}. */
    private static CorrelationStreams build(StreamExecutionEnvironment env, ClickHouseSql sql, int batchRows, boolean failOnce) {
        int failAt = CorrelationFixtures.outageSignals().size() - 1;
        return HistorySinkJobs.build(env, sinkConfig(sql, batchRows), signals -> failOnce
                ? signals.map(new FailOnce(failAt)).returns(new AvroTypeInfo<>(ServiceSignal.class)) : signals);
    }

    /** Passes signals through; throws once, on the n-th signal a subtask sees, while {@link #FAIL_ONCE} is set. */
    static final class FailOnce implements org.apache.flink.api.common.functions.MapFunction<ServiceSignal, ServiceSignal> {
        private final int failAt;
        private int seen;

        FailOnce(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public ServiceSignal map(ServiceSignal s) {
            if (++seen >= failAt / 2 && FAIL_ONCE.compareAndSet(true, false)) {
                throw new IllegalStateException("injected failure after " + seen + " signals: the job restarts and replays");
            }
            return s;
        }
    }

    /**
     * What the sinks stored for the given revisions and the fixtures' health changes and signals.
     * Incidents, members and timeline entries: every stored row is one the job emitted, none is
     * there twice (merges are stopped, so a replayed batch the token did not drop would show), and
     * with FINAL each key holds its latest revision. Rows of one insert with the same sorting key
     * are collapsed already on insert (ReplacingMergeTree's optimize_on_insert, on by default), so
     * not every revision is stored: the latest of each batch is. Health changes and signals have
     * unique keys, so each is stored exactly once.
     */
    private static void assertStoredRowsAre(ClickHouseSql sql, List<CorrelatedIncident> revisions) throws Exception {
        Map<String, String> incidents = new TreeMap<>();
        Map<String, String> members = new TreeMap<>();
        Map<String, String> events = new TreeMap<>();
        List<String> incidentRows = new ArrayList<>();
        List<String> memberRows = new ArrayList<>();
        List<String> eventRows = new ArrayList<>();
        for (CorrelatedIncident i : revisions.stream().sorted(Comparator.comparingLong(CorrelatedIncident::getRevision)).toList()) {
            incidentRows.add(i.getIncidentId() + " " + i.getRevision() + " " + i.getState());
            incidents.put(i.getIncidentId(), i.getRevision() + " " + i.getState());
            for (IncidentMember m : i.getMembers()) {
                memberRows.add(i.getIncidentId() + " " + m.getServiceId() + " " + i.getRevision() + " " + m.getState());
                members.put(i.getIncidentId() + " " + m.getServiceId(), i.getRevision() + " " + m.getState());
            }
            for (IncidentEvent e : i.getTimeline()) {
                String key = i.getIncidentId() + " " + RowValues.time(e.getTime()) + " " + e.getKind() + " "
                        + RowValues.orEmpty(e.getServiceId()) + " " + RowValues.orEmpty(e.getComponentId());
                eventRows.add(key + " " + i.getRevision());
                events.put(key, Long.toString(i.getRevision()));
            }
        }
        assertThat(memberRows).as("the outage has members").isNotEmpty();
        String eventKey = "incident_id, toString(time), kind, service_id, component_id";
        assertStored(sql, "incidents", "incident_id", "revision, state", incidentRows, incidents);
        assertStored(sql, "incident_members", "incident_id, service_id", "revision, state", memberRows, members);
        assertStored(sql, "incident_events", eventKey, "revision", eventRows, events);

        List<ServiceHealth> health = CorrelationFixtures.outageHealth();
        ServiceHealthRows mapper = new ServiceHealthRows();
        assertThat(sql.rows("SELECT row_id, service_id, state, toString(event_time) FROM service_health"))
                .containsExactlyInAnyOrderElementsOf(health.stream().map(h -> RowValues.rowId(mapper.rowKey(h)) + " "
                        + h.getServiceId() + " " + h.getState() + " " + RowValues.time(h.getEventTime())).toList());
        assertThat(sql.rows("SELECT signal_id, entity_id, toString(event_time) FROM signals"))
                .containsExactlyInAnyOrderElementsOf(CorrelationFixtures.outageSignals().stream()
                        .map(x -> x.getSignalId() + " " + x.getEntityId() + " " + RowValues.time(x.getEventTime())).toList());
    }

    private static void assertStored(ClickHouseSql sql, String table, String key, String values, List<String> emitted,
                                     Map<String, String> latest) throws Exception {
        List<String> raw = sql.rows("SELECT " + key + ", " + values + " FROM " + table);
        assertThat(raw).as(table + ": rows stored").isNotEmpty().doesNotHaveDuplicates().isSubsetOf(emitted);
        assertThat(sql.rows("SELECT " + key + ", " + values + " FROM " + table + " FINAL"))
                .as(table + " FINAL: the latest revision of each key")
                .containsExactlyInAnyOrderElementsOf(latest.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }
}
