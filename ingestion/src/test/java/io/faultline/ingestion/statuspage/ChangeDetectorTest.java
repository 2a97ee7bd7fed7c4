package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.ObservationKind;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(300);
    private static final Instant OBSERVED = Instant.parse("2024-03-01T12:00:00Z");

    private final ChangeDetector detector = new ChangeDetector();
    private final StatusPageV2Parser statuspage = new StatusPageV2Parser();
    private final FeedParser feeds = new FeedParser();

    private static PageSnapshot page(PageComponent... components) {
        return new PageSnapshot("example", "https://status.example.com", StatusPageFormat.STATUSPAGE_V2, T0,
                List.of(components), List.of());
    }

    @Test
    void firstReadReportsOnlyWhatIsWrongNow() {
        PageSnapshot first = statuspage.parse("example", null, Fixtures.resource("summary_with_groups.json")).records().get(0);
        List<StatusPageObservation> obs = detector.detect(null, first, OBSERVED).observations();

        assertThat(obs).filteredOn(o -> o.getKind() == ObservationKind.COMPONENT)
                .extracting(StatusPageObservation::getComponentId).containsExactlyInAnyOrder("cmp_api", "cmp_odd");
        assertThat(obs).filteredOn(o -> o.getKind() == ObservationKind.INCIDENT)
                .extracting(StatusPageObservation::getObservationId)
                .containsExactly("example/incident/inc_1/upd_1", "example/incident/inc_1/upd_2");
        assertThat(obs).filteredOn(o -> o.getKind() == ObservationKind.MAINTENANCE).hasSize(1);
        StatusPageObservation api = obs.stream().filter(o -> "cmp_api".equals(o.getComponentId())).findFirst().orElseThrow();
        assertThat(api.getObservationId()).isEqualTo("example/component/cmp_api/2024-03-01T10:04:00Z");
        assertThat(api.getGroupName()).isEqualTo("Europe");
        assertThat(api.getEventTime()).isEqualTo(Instant.parse("2024-03-01T10:04:00Z"));
        assertThat(api.getObservedAt()).isEqualTo(OBSERVED);
    }

    @Test
    void componentStatusChangeCarriesPreviousStatusAndUnchangedIsSilent() {
        PageSnapshot before = page(new PageComponent("c1", "API", null, ComponentStatus.OPERATIONAL, T0),
                new PageComponent("c2", "Web", null, ComponentStatus.OPERATIONAL, T0));
        PageSnapshot after = page(new PageComponent("c1", "API", null, ComponentStatus.PARTIAL_OUTAGE, T1),
                new PageComponent("c2", "Web", null, ComponentStatus.OPERATIONAL, T1));

        List<StatusPageObservation> obs = detector.detect(detector.detect(null, before, OBSERVED).state(), after, OBSERVED)
                .observations();

        assertThat(obs).singleElement().satisfies(o -> {
            assertThat(o.getComponentStatus()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
            assertThat(o.getPreviousStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
            assertThat(o.getEventTime()).isEqualTo(T1);
        });
    }

    @Test
    void eventTimeFallsBackToObservedAtWhenThePageGivesNone() {
        PageSnapshot undated = new PageSnapshot("example", null, StatusPageFormat.OTHER, null,
                List.of(new PageComponent("c1", "API", null, ComponentStatus.MAJOR_OUTAGE, null)), List.of());
        assertThat(detector.detect(null, undated, OBSERVED).observations()).singleElement()
                .satisfies(o -> assertThat(o.getEventTime()).isEqualTo(OBSERVED));
    }

    @Test
    void eachUpdateIsEmittedOnceAndReplayIsSilent() {
        PageSnapshot summary = statuspage.parse("example", null, Fixtures.resource("summary_with_groups.json")).records().get(0);
        PageSnapshot incidents = statuspage.parse("example", null, Fixtures.resource("incidents_several_updates.json")).records().get(0);

        ChangeDetection first = detector.detect(null, summary, OBSERVED);
        ChangeDetection second = detector.detect(first.state(), incidents, OBSERVED);
        ChangeDetection replay = detector.detect(second.state(), incidents, OBSERVED.plusSeconds(60));

        // inc_1 gains upd_3 and upd_4; inc_0 is new to the detector though already closed
        assertThat(second.observations()).extracting(StatusPageObservation::getObservationId).containsExactly(
                "example/incident/inc_0/upd_0a", "example/incident/inc_0/upd_0b",
                "example/incident/inc_1/upd_3", "example/incident/inc_1/upd_4");
        assertThat(replay.observations()).isEmpty();
        // incidents.json lists no components: the known ones are kept, not forgotten
        assertThat(second.state().components()).hasSize(3);
        assertThat(second.state().incidents()).allSatisfy(i -> assertThat(i.updates()).allMatch(u -> u.body() == null));
    }

    @Test
    void restartFromNoStateGivesTheSameIds() {
        PageSnapshot summary = statuspage.parse("example", null, Fixtures.resource("summary_with_groups.json")).records().get(0);
        assertThat(detector.detect(null, summary, OBSERVED).observations())
                .extracting(StatusPageObservation::getObservationId)
                .isEqualTo(detector.detect(null, summary, OBSERVED.plusSeconds(3600)).observations().stream()
                        .map(StatusPageObservation::getObservationId).toList());
    }

    @Test
    void realGithubIncidentBeforeAndAfterEmitsOnlyTheTwoLaterUpdates() {
        PageSnapshot during = statuspage.parse("github", null,
                Fixtures.sample("github_summary_2022-11-25_incident_in_progress.json")).records().get(0);
        PageSnapshot after = statuspage.parse("github", null,
                Fixtures.sample("github_incident_history/ljwdk6qml8z8.json")).records().get(0);

        ChangeDetection first = detector.detect(null, during, OBSERVED);
        assertThat(first.observations()).filteredOn(o -> o.getKind() == ObservationKind.INCIDENT).hasSize(7);
        assertThat(first.observations()).filteredOn(o -> o.getKind() == ObservationKind.COMPONENT)
                .singleElement().extracting(StatusPageObservation::getComponentName).isEqualTo("Packages");

        List<StatusPageObservation> later = detector.detect(first.state(), after, OBSERVED).observations();
        assertThat(later).hasSize(2).allMatch(o -> o.getIncidentId().equals("ljwdk6qml8z8"));
        assertThat(later.get(1).getIncidentStatus()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void realGithubAtomSequenceEmitsOnlyNewUpdates() {
        String id = "tag:www.githubstatus.com,2005:Incident/29855242";
        ChangeDetection day1 = detector.detect(null, feeds.parse("github", null,
                Fixtures.sample("github_history_atom_seq_incident_2026-04-29.atom")).records().get(0), OBSERVED);
        ChangeDetection day2 = detector.detect(day1.state(), feeds.parse("github", null,
                Fixtures.sample("github_history_atom_seq_incident_2026-04-30.atom")).records().get(0), OBSERVED);
        ChangeDetection day3 = detector.detect(day2.state(), feeds.parse("github", null,
                Fixtures.sample("github_history_atom_seq_incident_2026-05-01.atom")).records().get(0), OBSERVED);

        // on 05-01 two other entries changed only their <updated> (no new paragraph): not a change
        assertThat(day2.observations()).isNotEmpty().allMatch(o -> o.getIncidentId().equals(id));
        assertThat(day3.observations()).isNotEmpty().allMatch(o -> o.getIncidentId().equals(id));
        assertThat(day3.observations().get(day3.observations().size() - 1).getIncidentStatus())
                .isEqualTo(IncidentStatus.RESOLVED);
        assertThat(day3.observations()).extracting(StatusPageObservation::getIncidentName)
                .containsOnly("Incomplete pull request results in repositories");
    }
}
