package io.faultline.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.faultline.api.model.BlastPoint;
import io.faultline.api.model.IncidentView;
import org.junit.jupiter.api.Test;

class HistoryRowsTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");
    static final Instant T1 = Instant.parse("2021-12-07T15:35:00Z");

    static Map<String, Object> incidentRow() {
        Map<String, Object> m = new HashMap<>();
        m.put("incident_id", "inc-1");
        m.put("revision", 7L);
        m.put("state", "CONFIRMED");
        m.put("title", "AWS us-east-1: 2 services impaired");
        m.put("cause_component_id", "aws/us-east-1");
        m.put("cause_name", "AWS US East");
        m.put("cause_kind", "REGION");
        m.put("confidence", 0.93f);
        m.put("p_value", Double.NaN);
        m.put("impaired_dependents", 2L);
        m.put("total_dependents", 40L);
        m.put("status_page_agrees", true);
        m.put("reasons", List.of("2 of 40"));
        m.put("provider", "aws");
        m.put("region", "us-east-1");
        m.put("service_ids", List.of("coinbase", "slack"));
        m.put("member_count", 2L);
        m.put("active_member_count", 1L);
        m.put("opened_ms", T1.toEpochMilli());
        m.put("first_impaired_ms", T0.toEpochMilli());
        m.put("resolved_ms", null);
        m.put("event_ms", T1.toEpochMilli());
        return m;
    }

    @Test
    void incidentRowMapsEveryColumn() {
        IncidentView v = HistoryRows.incident(new MapRow(incidentRow()));
        assertThat(v.id()).isEqualTo("inc-1");
        assertThat(v.revision()).isEqualTo(7);
        assertThat(v.cause().componentId()).isEqualTo("aws/us-east-1");
        assertThat(v.cause().confidence()).isCloseTo(0.93, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(v.cause().pValue()).as("NaN p-value = none").isNull();
        assertThat(v.cause().statusPageAgrees()).isTrue();
        assertThat(v.serviceIds()).containsExactly("coinbase", "slack");
        assertThat(v.openedAt()).isEqualTo(T1);
        assertThat(v.firstImpairedAt()).isEqualTo(T0);
        assertThat(v.resolvedAt()).isNull();
        assertThat(v.isOpen()).isTrue();
    }

    @Test
    void unknownCauseHasNullComponent() {
        Map<String, Object> row = incidentRow();
        row.put("cause_component_id", "");
        row.put("cause_kind", "");
        row.put("resolved_ms", T1.plusSeconds(600).toEpochMilli());
        row.put("state", "RESOLVED");
        IncidentView v = HistoryRows.incident(new MapRow(row));
        assertThat(v.cause().componentId()).isNull();
        assertThat(v.cause().kind()).isNull();
        assertThat(v.resolvedAt()).isEqualTo(T1.plusSeconds(600));
        assertThat(v.isOpen()).isFalse();
    }

    @Test
    void memberAndEventRows() {
        Map<String, Object> active = new HashMap<>(Map.of("service_id", "slack", "service_name", "Slack",
                "state", "DOWN", "joined_ms", T0.toEpochMilli(), "region", ""));
        active.put("left_ms", null);
        var member = HistoryRows.member(new MapRow(active));
        assertThat(member.serviceId()).isEqualTo("slack");
        assertThat(member.joinedAt()).isEqualTo(T0);
        assertThat(member.region()).isNull();
        Map<String, Object> withLeft = new HashMap<>(Map.of("service_id", "slack", "service_name", "Slack", "state", "UP",
                "joined_ms", T0.toEpochMilli(), "left_ms", T1.toEpochMilli(), "region", "us-east-1"));
        assertThat(HistoryRows.member(new MapRow(withLeft)).leftAt()).isEqualTo(T1);

        var event = HistoryRows.event(new MapRow(Map.of("time_ms", T1.toEpochMilli(), "kind", "MEMBER_JOINED",
                "message", "Slack joined", "service_id", "slack", "component_id", "")));
        assertThat(event.time()).isEqualTo(T1);
        assertThat(event.serviceId()).isEqualTo("slack");
        assertThat(event.componentId()).isNull();
    }

    @Test
    void healthRowZipsTheEvidenceArrays() {
        Map<String, Object> row = new HashMap<>();
        row.put("service_id", "coinbase");
        row.put("state", "DOWN");
        row.put("previous_state", "UP");
        row.put("confidence", 0.8);
        row.put("since_ms", T0.toEpochMilli());
        row.put("region", "us-east-1");
        row.put("ev_source", List.of("STATUS_PAGE", "SOCIAL"));
        row.put("ev_detail", List.of("major outage", "12 posts"));
        row.put("ev_time_ms", List.of(T0.toEpochMilli(), T1.toEpochMilli()));
        row.put("ev_weight", List.of(1.0, 0.4));
        row.put("event_ms", T1.toEpochMilli());
        var h = HistoryRows.health(new MapRow(row));
        assertThat(h.evidence()).hasSize(2);
        assertThat(h.evidence().get(1).source()).isEqualTo("SOCIAL");
        assertThat(h.evidence().get(1).time()).isEqualTo(T1);
        assertThat(h.evidence().get(1).weight()).isEqualTo(0.4);
        assertThat(h.since()).isEqualTo(T0);

        row.put("ev_weight", List.of(1.0));
        assertThatThrownBy(() -> HistoryRows.health(new MapRow(row))).hasMessageContaining("differ in length");
    }

    @Test
    void blastRadiusFillsEmptyBuckets() {
        Duration step = Duration.ofMinutes(5);
        Instant from = Instant.parse("2021-12-07T15:30:00Z");
        var p = HistoryRows.blastPoint(new MapRow(Map.of("bucket_ms", from.plus(step).toEpochMilli(), "impaired", 4L, "incidents", 1L)));
        List<BlastPoint> all = HistoryRows.fillBuckets(List.of(p), from, from.plus(Duration.ofMinutes(15)), step);
        assertThat(all).containsExactly(new BlastPoint(from, 0, 0), new BlastPoint(from.plus(step), 4, 1),
                new BlastPoint(from.plus(step.multipliedBy(2)), 0, 0));
    }
}
