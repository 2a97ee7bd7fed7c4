package io.faultline.core.evaluation;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.correlation.Attribution;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;
import io.faultline.core.correlation.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkScorerTest {

    static final Instant T0 = Instant.parse("2016-04-29T08:32:13Z");
    static final Instant END = T0.plus(ofMinutes(12));

    static Incident incident(String id, String cause, String member, Instant start, Instant end) {
        Attribution a = new Attribution(cause, 10, 0.9, 1e-10, 13, 13, false, List.of(), List.of());
        return new Incident(id, 2, end == null ? IncidentState.CONFIRMED : IncidentState.RESOLVED, "t", a,
                List.of(new IncidentMember(member, HealthLevel.DOWN, start, null, null)), List.of(), Map.of(), List.of(),
                start.plus(ofMinutes(1)), start, end, (end == null ? start : end).plus(ofMinutes(1)));
    }

    static NetworkExpectation expectation(List<NetworkExpectation.Event> tolerated) {
        return new NetworkExpectation("day", "events.json.gz",
                List.of(new NetworkExpectation.Event("e1", Set.of("as38229", "country:LK"), T0, END, "src")),
                tolerated, ofMinutes(5), ofMinutes(15), 2);
    }

    @Test
    void anIncidentNamingTheScopeOrHoldingItAsAMemberMatchesWithItsErrors() {
        NetworkScore byMember = NetworkScorer.score(expectation(List.of()),
                List.of(incident("i1", "org:LEARN", "as38229", T0.plusSeconds(30), END.minusSeconds(60))),
                T0.minus(Duration.ofHours(8)), T0.plus(Duration.ofHours(16)));

        assertThat(byMember.detected()).isEqualTo(1);
        assertThat(byMember.events().get(0).startError()).isEqualTo(Duration.ofSeconds(30));
        assertThat(byMember.events().get(0).endError()).isEqualTo(Duration.ofSeconds(-60));
        assertThat(byMember.passed()).isTrue();
    }

    @Test
    void aMissedEventAStartOutsideTheToleranceAndUnmatchedIncidentsFail() {
        Instant elsewhere = T0.plus(Duration.ofHours(3));
        List<Incident> revisions = List.of(incident("late", "as38229", "as38229", T0.plus(ofMinutes(6)), END),
                incident("x1", "as1", "as1", elsewhere, elsewhere.plus(ofMinutes(5))),
                incident("x2", "as2", "as2", elsewhere, elsewhere.plus(ofMinutes(5))),
                incident("x3", "country:RU", "as3", elsewhere, elsewhere.plus(ofMinutes(5))));
        NetworkScore score = NetworkScorer.score(expectation(List.of()), revisions, T0, T0.plus(Duration.ofHours(24)));

        assertThat(score.detected()).isEqualTo(1);
        assertThat(score.startsWithin()).isFalse();
        assertThat(score.extraIncidents()).containsExactly("x1", "x2", "x3");
        assertThat(score.passed()).isFalse();

        NetworkScore none = NetworkScorer.score(expectation(List.of()), List.of(), T0, T0.plus(Duration.ofHours(24)));
        assertThat(none.detected()).isZero();
        assertThat(none.passed()).isFalse();
    }

    @Test
    void toleratedEventsAreNotFalseAlarmsAndServiceIncidentsAreNotScored() {
        Instant artefact = T0.plus(Duration.ofHours(2));
        NetworkExpectation.Event tolerated = new NetworkExpectation.Event("all", Set.of("*"), artefact,
                artefact.plus(ofMinutes(5)), "src");
        List<Incident> revisions = List.of(incident("ok", "as38229", "as38229", T0, END),
                incident("glob", "probes:all", "as6830", artefact.plusSeconds(40), artefact.plus(ofMinutes(6))),
                incident("svc", "aws/us-east-1", "coinbase", artefact, artefact.plus(ofMinutes(6))));
        NetworkScore score = NetworkScorer.score(expectation(List.of(tolerated)), revisions, T0, T0.plus(Duration.ofHours(24)));

        assertThat(score.extraIncidents()).isEmpty();
        assertThat(score.passed()).isTrue();
    }
}
