package io.faultline.core.evaluation;

import io.faultline.core.correlation.Attribution;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;
import io.faultline.core.correlation.IncidentState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

class ReplayScorerTest {

    private static final Instant FIRST_SIGNAL = Instant.parse("2021-12-07T15:30:00Z");
    private static final Instant FIRST_EVIDENCED = FIRST_SIGNAL.plus(ofMinutes(2));
    private static final Instant ACK = Instant.parse("2021-12-07T16:22:00Z");
    private static final Instant OPENED = FIRST_SIGNAL.plus(ofMinutes(4));

    private static final ExpectedOutcome AWS = new ExpectedOutcome("aws-2021", "aws/us-east-1", true,
            Set.of("coinbase", "venmo", "ring", "disney-plus"), FIRST_SIGNAL, FIRST_EVIDENCED, ACK, List.of(), List.of());

    private static Incident revision(String id, long rev, String cause, Instant at, String... members) {
        List<IncidentMember> ms = java.util.Arrays.stream(members)
                .map(m -> new IncidentMember(m, HealthLevel.DOWN, at, null, null)).toList();
        Attribution attribution = new Attribution(cause, 1, 0.9, 1e-9, members.length, 10, false, List.of(), List.of());
        return new Incident(id, rev, IncidentState.SUSPECTED, "t", attribution, ms, List.of(), Map.of(), List.of(),
                at, at, null, at);
    }

    @Test
    void a_correct_early_incident_scores_its_lead_and_services() {
        List<Incident> revisions = List.of(
                revision("i1", 2, "aws/us-east-1", OPENED.plus(ofMinutes(3)), "coinbase", "venmo", "ring"),
                revision("i1", 1, "aws/us-east-1", OPENED, "coinbase", "venmo", "ring"));

        ReplayScore score = ReplayScorer.score(AWS, revisions, FIRST_EVIDENCED);

        assertThat(score.passed()).isTrue();
        assertThat(score.openedAt()).isEqualTo(OPENED);
        assertThat(score.sinceFirstSignal()).isEqualTo(ofMinutes(4));
        assertThat(score.sinceFirstImpaired()).isEqualTo(ofMinutes(2));
        assertThat(score.leadOverAck()).isEqualTo(Duration.between(OPENED, ACK));
        assertThat(score.servicesFound()).isEqualTo(3);
        assertThat(score.servicesExpected()).isEqualTo(4);
        assertThat(LibraryScore.of(List.of(score)).precision()).isEqualTo(1.0);
    }

    @Test
    void the_wrong_cause_is_detected_but_not_correct_and_lowers_precision() {
        List<Incident> revisions = List.of(revision("i1", 1, "aws", OPENED, "coinbase", "venmo", "ring"),
                revision("i2", 1, "gcp", OPENED, "spotify", "snap", "discord"));

        ReplayScore score = ReplayScorer.score(AWS, revisions, null);

        assertThat(score.detected()).isTrue();
        assertThat(score.causeCorrect()).isFalse();
        assertThat(score.namedCause()).isEqualTo("aws");
        assertThat(score.falseIncidents()).isEqualTo(1);
        assertThat(score.sinceFirstImpaired()).isNull();
        LibraryScore library = LibraryScore.of(List.of(score));
        assertThat(library.recall()).isZero();
        assertThat(library.precision()).isZero();
    }

    @Test
    void nothing_detected() {
        ReplayScore score = ReplayScorer.score(AWS, List.of(), null);
        assertThat(score.detected()).isFalse();
        assertThat(score.passed()).isFalse();
        assertThat(score.openedAt()).isNull();
    }

    @Test
    void a_hard_negative_forbids_cloud_blame_in_any_revision_but_allows_a_real_confounder() {
        Instant t = Instant.parse("2024-07-19T05:10:00Z");
        ExpectedOutcome crowdstrike = new ExpectedOutcome("crowdstrike", "crowdstrike", false,
                Set.of("delta", "united-airlines", "sky-news"), t.minus(ofMinutes(60)), null, null,
                List.of("aws", "azure/*"), List.of(new ExpectedOutcome.AllowedConfounder("azure/centralus",
                        Set.of("microsoft-365", "frontier-airlines"), t.minus(ofMinutes(600)), t.plus(ofMinutes(600)))));
        List<Incident> revisions = List.of(
                revision("a", 1, "azure/eastus", t, "delta", "united-airlines", "sky-news"),
                revision("a", 2, "crowdstrike", t.plus(ofMinutes(5)), "delta", "united-airlines", "sky-news"),
                revision("b", 1, "azure/centralus", t, "microsoft-365", "frontier-airlines"));

        ReplayScore score = ReplayScorer.score(crowdstrike, revisions, null);

        assertThat(score.causeCorrect()).isTrue();
        assertThat(score.forbiddenBlames()).containsExactly("azure/eastus");
        assertThat(score.passed()).isFalse();
        assertThat(score.falseIncidents()).isZero();
        assertThat(score.correctIncidents()).isEqualTo(2);
        assertThat(crowdstrike.forbidsBlaming("azure/centralus")).isTrue();
        assertThat(crowdstrike.forbidsBlaming("aws/us-east-1")).isFalse();
        assertThat(crowdstrike.forbidsBlaming("aws")).isTrue();
    }

    @Test
    void anUnknownCauseHoldingTheServicesIsDetectedButNotNamed() {
        ReplayScore score = ReplayScorer.score(AWS, List.of(
                revision("u", 1, null, OPENED, "coinbase", "venmo", "ring", "disney-plus")), null);

        assertThat(score.detected()).isTrue();
        assertThat(score.servicesHeld()).isEqualTo(4);
        assertThat(score.namedCause()).isNull();
        assertThat(score.causeCorrect()).isFalse();
        assertThat(score.passed()).isFalse();
    }

    @Test
    void anIncidentHoldingLessThanHalfOfTheServicesIsNotADetectionEvenWithTheRightCause() {
        ReplayScore score = ReplayScorer.score(AWS, List.of(
                revision("i1", 1, "aws/us-east-1", OPENED, "coinbase", "spotify", "snap")), null);

        assertThat(score.servicesHeld()).isEqualTo(1);
        assertThat(score.detected()).isFalse();
        assertThat(score.causeCorrect()).isTrue();
        LibraryScore library = LibraryScore.of(List.of(score));
        assertThat(library.detectionRate()).isZero();
        assertThat(library.recall()).isEqualTo(1.0);
    }
}
