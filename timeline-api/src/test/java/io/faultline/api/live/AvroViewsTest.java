package io.faultline.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.HealthEvidence;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentEvent;
import io.faultline.avro.IncidentEventKind;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.IncidentState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.SignalSource;
import io.faultline.avro.SuspectedCause;
import org.junit.jupiter.api.Test;

class AvroViewsTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");
    static final Instant T1 = Instant.parse("2021-12-07T15:35:00Z");

    @Test
    void incidentRecordBecomesTheApiView() {
        CorrelatedIncident r = CorrelatedIncident.newBuilder().setIncidentId("inc-1").setRevision(2).setState(IncidentState.CONFIRMED)
                .setTitle("AWS us-east-1: 2 services impaired")
                .setCause(SuspectedCause.newBuilder().setComponentId("aws/us-east-1").setComponentName("AWS us-east-1")
                        .setComponentKind("REGION").setConfidence(0.9).setPValue(1e-7).setImpairedDependents(2)
                        .setTotalDependents(40).setStatusPageAgrees(true).setReasons(List.of("2 of 40")).build())
                .setMembers(List.of(
                        IncidentMember.newBuilder().setServiceId("coinbase").setServiceName("Coinbase").setState(HealthState.DOWN)
                                .setJoinedAt(T0).setLeftAt(null).setRegion("us-east-1").build(),
                        IncidentMember.newBuilder().setServiceId("slack").setServiceName("Slack").setState(HealthState.UP)
                                .setJoinedAt(T0).setLeftAt(T1).setRegion(null).build()))
                .setTimeline(List.of(IncidentEvent.newBuilder().setTime(T1).setKind(IncidentEventKind.OPENED).setMessage("opened")
                        .setServiceId(null).setComponentId("aws/us-east-1").build()))
                .setCommonAttributes(Map.of()).setMergedFrom(List.of())
                .setOpenedAt(T1).setFirstImpairedAt(T0).setResolvedAt(null).setEventTime(T1).build();
        var d = AvroViews.incident(r);
        assertThat(d.incident().provider()).isEqualTo("aws");
        assertThat(d.incident().region()).isEqualTo("us-east-1");
        assertThat(d.incident().activeMemberCount()).isEqualTo(1);
        assertThat(d.incident().serviceIds()).containsExactly("coinbase", "slack");
        assertThat(d.incident().cause().statusPageAgrees()).isTrue();
        assertThat(d.members().get(1).leftAt()).isEqualTo(T1);
        assertThat(d.timeline().get(0).kind()).isEqualTo("OPENED");
    }

    @Test
    void healthRecordBecomesTheApiView() {
        ServiceHealth h = ServiceHealth.newBuilder().setServiceId("slack").setState(HealthState.DEGRADED)
                .setPreviousState(HealthState.UP).setConfidence(0.7).setSince(T0).setRegion(null)
                .setEvidence(List.of(HealthEvidence.newBuilder().setSource(SignalSource.SOCIAL).setDetail("posts").setTime(T0)
                        .setWeight(0.4).build()))
                .setEventTime(T1).build();
        var v = AvroViews.health(h);
        assertThat(v.state()).isEqualTo("DEGRADED");
        assertThat(v.isUp()).isFalse();
        assertThat(v.evidence().get(0).source()).isEqualTo("SOCIAL");
        assertThat(v.eventTime()).isEqualTo(T1);
    }
}
