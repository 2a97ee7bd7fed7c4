package io.faultline.ingestion.probe.prober;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.faultline.avro.ConnectionEventType;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeSource;
import org.junit.jupiter.api.Test;

class VantageHeartbeatTest {

    static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    static final Vantage AMS = new Vantage("ams-1", "eu-west", 64501L, "NL");

    @Test
    void aRoundThatReachedAnythingIsAConnectOfTheVantageAtTheRoundsStart() {
        ProbeConnectionEvent e = VantageHeartbeat.of(AMS, new RoundSummary(AT, 10, 30, 1,
                Map.of(ProbeErrorKind.TIMEOUT, 29)), AT.plusSeconds(20));
        assertThat(e.getEvent()).isEqualTo(ConnectionEventType.CONNECT);
        assertThat(e.getSource()).isEqualTo(ProbeSource.FAULTLINE_PROBER);
        assertThat(e.getVantage()).isEqualTo("ams-1");
        assertThat(e.getAsn()).isEqualTo(64501L);
        assertThat(e.getCountry()).isEqualTo("NL");
        assertThat(e.getEventTime()).isEqualTo(AT);
        assertThat(e.getObservedAt()).isEqualTo(AT.plusSeconds(20));
        assertThat(e.getEventId()).isEqualTo("faultline:ams-1:heartbeat:" + AT.toEpochMilli());
    }

    @Test
    void aRoundWhereNothingAnsweredIsADisconnectButErrorsFromTargetsAreAnswers() {
        RoundSummary silent = new RoundSummary(AT, 10, 30, 0, Map.of(ProbeErrorKind.TIMEOUT, 20, ProbeErrorKind.DNS_FAILURE, 10));
        assertThat(VantageHeartbeat.of(AMS, silent, AT).getEvent()).isEqualTo(ConnectionEventType.DISCONNECT);
        RoundSummary answered = new RoundSummary(AT, 10, 30, 0, Map.of(ProbeErrorKind.TIMEOUT, 29, ProbeErrorKind.HTTP_ERROR, 1));
        assertThat(VantageHeartbeat.of(AMS, answered, AT).getEvent()).isEqualTo(ConnectionEventType.CONNECT);
        RoundSummary refused = new RoundSummary(AT, 10, 30, 0, Map.of(ProbeErrorKind.TIMEOUT, 29, ProbeErrorKind.CONNECT_REFUSED, 1));
        assertThat(VantageHeartbeat.of(AMS, refused, AT).getEvent()).isEqualTo(ConnectionEventType.CONNECT);
        // two targets both down are more likely the targets than the vantage
        RoundSummary few = new RoundSummary(AT, 2, 6, 0, Map.of(ProbeErrorKind.TIMEOUT, 6));
        assertThat(VantageHeartbeat.of(AMS, few, AT).getEvent()).isEqualTo(ConnectionEventType.CONNECT);
    }

    @Test
    void theVantagesProbeIdIsStableNegativeAndDiffersByName() {
        assertThat(VantageHeartbeat.probeId("ams-1")).isNegative().isEqualTo(VantageHeartbeat.probeId("ams-1"))
                .isNotEqualTo(VantageHeartbeat.probeId("ams-2"));
    }
}
