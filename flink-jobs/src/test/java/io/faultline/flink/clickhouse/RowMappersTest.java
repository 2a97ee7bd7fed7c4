package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.IncidentState;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;
import io.faultline.avro.SuspectedCause;
import org.junit.jupiter.api.Test;

class RowMappersTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");
    static final Instant T1 = Instant.parse("2021-12-07T15:35:00Z");

    static CorrelatedIncident incident(long revision) {
        return CorrelatedIncident.newBuilder().setIncidentId("inc-1").setRevision(revision).setState(IncidentState.CONFIRMED)
                .setTitle("AWS us-east-1: 2 services impaired")
                .setCause(SuspectedCause.newBuilder().setComponentId("aws/us-east-1").setComponentName("AWS us-east-1")
                        .setComponentKind("REGION").setConfidence(0.9).setPValue(null).setImpairedDependents(2)
                        .setTotalDependents(40).setStatusPageAgrees(false).setReasons(List.of("2 of 40")).build())
                .setMembers(List.of(
                        IncidentMember.newBuilder().setServiceId("coinbase").setServiceName("Coinbase").setState(HealthState.DOWN)
                                .setJoinedAt(T0).setLeftAt(null).setRegion("us-east-1").build(),
                        IncidentMember.newBuilder().setServiceId("slack").setServiceName("Slack").setState(HealthState.UP)
                                .setJoinedAt(T0).setLeftAt(T1).setRegion(null).build()))
                .setTimeline(List.of()).setCommonAttributes(Map.of()).setMergedFrom(List.of())
                .setOpenedAt(T1).setFirstImpairedAt(T0).setResolvedAt(null).setEventTime(T1).build();
    }

    @Test
    void incidentRowMatchesTheColumnsAndSplitsProviderAndRegion() {
        IncidentRows m = new IncidentRows();
        List<Object> v = m.values(incident(3));
        assertThat(v).hasSameSizeAs(m.columns());
        assertThat(v.get(m.columns().indexOf("provider"))).isEqualTo("aws");
        assertThat(v.get(m.columns().indexOf("region"))).isEqualTo("us-east-1");
        assertThat(v.get(m.columns().indexOf("service_ids"))).isEqualTo(List.of("coinbase", "slack"));
        assertThat(v.get(m.columns().indexOf("active_member_count"))).isEqualTo(1L);
        assertThat(v.get(m.columns().indexOf("opened_at"))).isEqualTo("2021-12-07 15:35:00.000");
        assertThat(v.get(m.columns().indexOf("resolved_at"))).isNull();
        assertThat((Double) v.get(m.columns().indexOf("p_value"))).isNaN();
        assertThat(m.rowKey(incident(3))).isEqualTo("inc-1|3").isNotEqualTo(m.rowKey(incident(4)));
    }

    @Test
    void membersAndTimelineFanOutOneRowPerEntry() {
        CorrelatedIncident r = incident(2);
        r.setTimeline(List.of(io.faultline.avro.IncidentEvent.newBuilder().setTime(T1)
                .setKind(io.faultline.avro.IncidentEventKind.OPENED).setMessage("opened").setServiceId(null)
                .setComponentId("aws/us-east-1").build()));
        IncidentMemberRows members = new IncidentMemberRows();
        assertThat(members.rows(r)).hasSize(2).allSatisfy(row -> assertThat(row).hasSameSizeAs(members.columns()));
        assertThat(members.rows(r).get(1).get(members.columns().indexOf("left_at"))).isEqualTo("2021-12-07 15:35:00.000");
        assertThat(members.rows(r).get(0).get(members.columns().indexOf("provider"))).isEqualTo("aws");
        assertThat(members.rowKeys(r)).containsExactly("inc-1|2|coinbase", "inc-1|2|slack");
        IncidentEventRows events = new IncidentEventRows();
        assertThat(events.rows(r)).hasSize(1);
        assertThat(events.rows(r).get(0)).hasSameSizeAs(events.columns());
        assertThat(events.rows(r).get(0).get(events.columns().indexOf("service_id"))).isEqualTo("");
        assertThat(events.rowKeys(r)).hasSize(1);
    }

    @Test
    void healthRowIdIsDeterministic() {
        ServiceHealthRows m = new ServiceHealthRows();
        var h = SinkFixtures.health("coinbase", 3);
        assertThat(m.values(h)).hasSameSizeAs(m.columns());
        assertThat(m.values(h).get(0)).isEqualTo(m.values(SinkFixtures.health("coinbase", 3)).get(0))
                .isNotEqualTo(m.values(SinkFixtures.health("coinbase", 4)).get(0));
        assertThat((Long) m.values(h).get(0)).isNotNegative();
    }

    @Test
    void aSignalIsOneRowKeyedByItsSignalIdWithAbsentOptionalsAsDefaults() {
        SignalRows m = new SignalRows();
        ServiceSignal probe = ServiceSignal.newBuilder().setSignalId("probe-ams-1|coinbase|1638891120000").setEntityId("coinbase")
                .setSource(SignalSource.PROBE).setObservedState(HealthState.DOWN).setStrength(0.4).setVantage("ams-1")
                .setVantageAsn(1136L).setDetail("HTTP 503").setEventTime(T0).setObservedAt(T1).build();
        ServiceSignal page = ServiceSignal.newBuilder().setSignalId("sp-aws").setEntityId("aws/us-east-1")
                .setSource(SignalSource.STATUS_PAGE).setObservedState(HealthState.DEGRADED).setEventTime(T0).setObservedAt(T0).build();

        assertThat(m.values(probe)).containsExactly("probe-ams-1|coinbase|1638891120000", "coinbase", "PROBE", "DOWN", 0.4, "",
                "ams-1", 1136L, "HTTP 503", "", "2021-12-07 15:32:00.000", "2021-12-07 15:35:00.000");
        assertThat(m.values(page)).hasSameSizeAs(m.columns()).contains(1.0, 0L);
        assertThat(m.rowKey(page)).isEqualTo("sp-aws");
    }

    @Test
    void insertSqlRefusesNonIdentifiers() {
        assertThat(JdbcBatchInserter.insertSql("t", List.of("a", "b"))).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcBatchInserter.insertSql("t; DROP TABLE x", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryPolicyReadsClickHouseCodes() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.retryable(new java.sql.SQLException("Code: 241. DB::Exception: Memory limit"))).isTrue();
        assertThat(p.retryable(new java.sql.SQLException("Code: 62. DB::Exception: Syntax error"))).isFalse();
        assertThat(p.retryable(new java.net.SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(p.backoff(1)).isEqualTo(java.time.Duration.ofMillis(200));
        assertThat(p.backoff(3)).isEqualTo(java.time.Duration.ofMillis(800));
        assertThat(p.backoff(20)).isEqualTo(java.time.Duration.ofSeconds(10));
    }
}
