package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentEvent;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.ServiceHealth;
import io.faultline.flink.clickhouse.FakeClickHouse.Behaviour;
import io.faultline.flink.clickhouse.FakeClickHouse.Request;
import io.faultline.flink.correlation.CorrelationFixtures;
import io.faultline.flink.correlation.CorrelationStreams;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The correlation job on a Flink mini cluster with its ClickHouse sinks attached as
 * {@code faultline run correlation --clickhouse-url} attaches them, writing through the real JDBC
 * driver to {@link FakeClickHouse}, for the faults a real server cannot be made to produce on cue:
 * a memory-limit error (241) on exactly the first insert, and a failure of exactly the third
 * insert into one table. What lands in each table is what the job emitted, an overloaded insert is
 * retried with the same token, and a batch sent again after a restart carries the same token. The
 * same job against the real engine: {@link CorrelationHistorySinksIT}.
 */
class CorrelationHistorySinksFaultsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = HistorySinkJobs.miniCluster();

    static ClickHouseSinkConfig sinkConfig(FakeClickHouse server, int batchRows) {
        // the form ClickHouseSettings makes of --clickhouse-url http://host:port/database
        String url = "jdbc:clickhouse:http://" + server.jdbcUrl().substring("jdbc:clickhouse://".length());
        return new ClickHouseSinkConfig(url, batchRows, HistorySinkJobs.NEVER, Duration.ofSeconds(10),
                new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100)));
    }

    @Test
    void aStreamingRunWritesEveryRevisionMemberEventHealthChangeAndSignalItHandled() throws Exception {
        try (FakeClickHouse server = new FakeClickHouse(Behaviour.ERROR_241_MEMORY)) { // the first insert meets an overload
            List<CorrelatedIncident> emitted = HistorySinkJobs.emitted(build(HistorySinkJobs.streaming(), server, 5));

            assertThat(emitted).as("the job found the outage").isNotEmpty();
            assertStoredRowsAre(server, emitted);
            Request overloaded = server.requests().get(0);
            assertThat(overloaded.answer()).isEqualTo(Behaviour.ERROR_241_MEMORY);
            assertThat(server.requests()).filteredOn(r -> overloaded.token().equals(r.token()))
                    .as("the overloaded insert was retried with the same token and rows")
                    .extracting(Request::answer, Request::body)
                    .containsExactly(tuple(Behaviour.ERROR_241_MEMORY, overloaded.body()),
                            tuple(Behaviour.OK, overloaded.body()));
        }
    }

    @Test
    void afterARestartTheSameBatchesAreSentAgainWithTheSameTokens() throws Exception {
        // the third members insert fails for good (a table that is not there yet): the task fails and Flink restarts it
        try (FakeClickHouse server = new FakeClickHouse().onInsert("incident_members", 3, Behaviour.ERROR_60_UNKNOWN_TABLE)) {
            StreamExecutionEnvironment env = HistorySinkJobs.batchWithRestarts();
            build(env, server, 4);
            env.execute("correlation-to-clickhouse-restart");

            List<Request> members = server.inserts("incident_members");
            assertThat(members.get(2).answer()).isEqualTo(Behaviour.ERROR_60_UNKNOWN_TABLE);
            List<Request> beforeFailure = members.subList(0, 3);
            List<Request> afterRestart = members.subList(3, members.size());
            assertThat(afterRestart).as("the restarted writer sends the batches sent before the failure again")
                    .hasSizeGreaterThanOrEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(afterRestart.get(i).token()).as("token of batch " + (i + 1)).isEqualTo(beforeFailure.get(i).token());
                assertThat(afterRestart.get(i).body()).as("rows of batch " + (i + 1)).isEqualTo(beforeFailure.get(i).body());
            }
            assertThat(beforeFailure).extracting(Request::token).as("different batches, different tokens").doesNotHaveDuplicates();
            assertStoredRowsAre(server, HistorySinkJobs.batchRevisions());
        }
    }

    private static CorrelationStreams build(StreamExecutionEnvironment env, FakeClickHouse server, int batchRows) {
        return HistorySinkJobs.build(env, sinkConfig(server, batchRows), UnaryOperator.identity());
    }

    /** Each table holds exactly the rows of the given revisions and of the fixtures' health changes and signals: none missing, none twice. */
    private static void assertStoredRowsAre(FakeClickHouse server, List<CorrelatedIncident> revisions) {
        List<ServiceHealth> health = CorrelationFixtures.outageHealth();
        assertThat(server.stored("incidents")).extracting(r -> r.get("incident_id") + "#" + r.get("revision") + " " + r.get("state"))
                .containsExactlyInAnyOrderElementsOf(revisions.stream()
                        .map(i -> i.getIncidentId() + "#" + i.getRevision() + " " + i.getState()).toList());
        List<String> members = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (CorrelatedIncident i : revisions) {
            for (IncidentMember m : i.getMembers()) {
                members.add(i.getIncidentId() + "#" + i.getRevision() + " " + m.getServiceId() + " " + m.getState());
            }
            for (IncidentEvent e : i.getTimeline()) {
                events.add(i.getIncidentId() + "#" + i.getRevision() + " " + RowValues.time(e.getTime()) + " " + e.getKind()
                        + " " + RowValues.orEmpty(e.getServiceId()));
            }
        }
        assertThat(members).as("the outage has members").isNotEmpty();
        assertThat(server.stored("incident_members"))
                .extracting(r -> r.get("incident_id") + "#" + r.get("revision") + " " + r.get("service_id") + " " + r.get("state"))
                .containsExactlyInAnyOrderElementsOf(members);
        assertThat(server.stored("incident_events"))
                .extracting(r -> r.get("incident_id") + "#" + r.get("revision") + " " + r.get("time") + " " + r.get("kind")
                        + " " + r.get("service_id"))
                .containsExactlyInAnyOrderElementsOf(events);
        ServiceHealthRows mapper = new ServiceHealthRows();
        assertThat(server.stored("service_health"))
                .extracting(r -> r.get("row_id") + " " + r.get("service_id") + " " + r.get("state") + " " + r.get("event_time"))
                .containsExactlyInAnyOrderElementsOf(health.stream().map(h -> RowValues.rowId(mapper.rowKey(h)) + " "
                        + h.getServiceId() + " " + h.getState() + " " + RowValues.time(h.getEventTime())).toList());
        assertThat(server.stored("signals")).extracting(r -> r.get("signal_id") + " " + r.get("entity_id") + " " + r.get("event_time"))
                .containsExactlyInAnyOrderElementsOf(CorrelationFixtures.outageSignals().stream()
                        .map(x -> x.getSignalId() + " " + x.getEntityId() + " " + RowValues.time(x.getEventTime())).toList());
    }
}
