package io.faultline.notify;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.IncidentState;
import io.faultline.avro.SuspectedCause;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentViewTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:31:00Z");

    static CorrelatedIncident incident(String causeId, String kind, Map<String, String> attributes) {
        return CorrelatedIncident.newBuilder().setIncidentId("i").setRevision(2).setState(IncidentState.CONFIRMED).setTitle("t")
                .setCause(SuspectedCause.newBuilder().setComponentId(causeId).setComponentName(causeId == null
                        ? "unknown shared cause" : causeId).setComponentKind(kind).setConfidence(0.8).build())
                .setMembers(List.of(
                        IncidentMember.newBuilder().setServiceId("venmo").setServiceName("Venmo").setState(HealthState.DOWN)
                                .setJoinedAt(T0).build(),
                        IncidentMember.newBuilder().setServiceId("ring").setServiceName("Ring").setState(HealthState.UP)
                                .setJoinedAt(T0).setLeftAt(T0.plusSeconds(600)).build()))
                .setCommonAttributes(attributes)
                .setOpenedAt(T0).setFirstImpairedAt(T0).setEventTime(T0.plusSeconds(900)).build();
    }

    @Test
    void a_region_cause_names_its_provider_and_region() {
        IncidentView v = IncidentView.of(incident("aws/us-east-1", "REGION", Map.of()));
        assertThat(v.provider()).isEqualTo("aws");
        assertThat(v.region()).isEqualTo("us-east-1");
        assertThat(v.members()).extracting(IncidentView.Member::impaired).containsExactly(true, false);
        assertThat(v.causeLabel()).isEqualTo("aws/us-east-1");
    }

    @Test
    void a_provider_cause_has_no_region_and_an_unknown_cause_neither() {
        IncidentView provider = IncidentView.of(incident("cloudflare", "CDN", Map.of()));
        assertThat(provider.provider()).isEqualTo("cloudflare");
        assertThat(provider.region()).isEqualTo(IncidentView.NONE);
        IncidentView unknown = IncidentView.of(incident(null, null, Map.of("region", "eu-west-1")));
        assertThat(unknown.provider()).isEqualTo(IncidentView.NONE);
        assertThat(unknown.region()).isEqualTo("eu-west-1");
        assertThat(unknown.causeLabel()).isEqualTo("unknown shared cause");
    }
}
