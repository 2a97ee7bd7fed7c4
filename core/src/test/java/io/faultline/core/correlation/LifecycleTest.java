package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.cloud;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.testing.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    private static final String[] USE1 = {"use1-1", "use1-2", "use1-3", "use1-4"};
    private static final String[] USW2 = {"usw2-1", "usw2-2", "usw2-3", "usw2-4"};

    @Test
    void suspectedThenConfirmedThenResolvedWithFlappingInBetween() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(10)), USE1)
                .up(T0.plus(ofMinutes(20)), USE1)
                .down(T0.plus(ofMinutes(23)), USE1)
                .up(T0.plus(ofMinutes(26)), "use1-1", "use1-2")
                .down(T0.plus(ofMinutes(29)), "use1-1", "use1-2")
                .up(T0.plus(ofMinutes(40)), USE1)
                .runUntil(T0.plus(ofMinutes(90)));

        List<Incident> revisions = scenario.revisions();
        assertThat(revisions).extracting(Incident::id).containsOnly(revisions.get(0).id());
        assertThat(revisions).extracting(Incident::revision)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, revisions.size()).boxed().toList());
        Incident last = revisions.get(revisions.size() - 1);
        assertThat(kinds(last, TimelineKind.OPENED)).hasSize(1);
        assertThat(kinds(last, TimelineKind.CONFIRMED)).hasSize(1)
                .allSatisfy(entry -> assertThat(entry.time()).isEqualTo(T0.plus(ofMinutes(3))));
        assertThat(kinds(last, TimelineKind.RESOLVED)).hasSize(1);
        assertThat(kinds(last, TimelineKind.MEMBER_LEFT)).hasSizeGreaterThanOrEqualTo(4);
        assertThat(kinds(last, TimelineKind.MEMBER_JOINED)).hasSizeGreaterThan(4);
        assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
        // last recovery at +40, counted for one window (to +50), then 5 quiet ticks
        assertThat(last.resolvedAt()).isEqualTo(T0.plus(ofMinutes(54)));
        assertThat(last.members()).allSatisfy(member -> assertThat(member.leftAt()).isEqualTo(T0.plus(ofMinutes(40))));
        assertThat(revisions.stream().filter(revision -> revision.state() == IncidentState.RESOLVED)).hasSize(1);
    }

    @Test
    void stateReturnsToNothingOnceServicesAreUpAndIdle() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(10)), USE1)
                .status(T0.plus(ofMinutes(5)), "aws/us-east-1", true)
                .up(T0.plus(ofMinutes(40)), USE1)
                .status(T0.plus(ofMinutes(45)), "aws/us-east-1", false)
                .runUntil(T0.plus(ofMinutes(60)));
        assertThat(scenario.engine().stats().isEmpty()).isFalse();

        scenario.runUntil(T0.plus(ofMinutes(40)).plus(CorrelationConfig.INACTIVITY_GAP).plus(ofMinutes(20)));

        EngineStats stats = scenario.engine().stats();
        assertThat(stats).isEqualTo(new EngineStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(scenario.latest().values()).allSatisfy(incident -> assertThat(incident.isOpen()).isFalse());
    }

    @Test
    void overlappingIncidentsMergeKeepingTheOlderId() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(10)), USE1)
                .up(T0.plus(ofMinutes(10)), USE1)
                // us-east-1's incident is quiet but still open (hysteresis) when us-west-2 fails alone
                .down(T0.plus(ofMinutes(20)).plus(ofSeconds(30)), USW2)
                // and then us-east-1 fails again: two regions at once point at aws
                .down(T0.plus(ofMinutes(21)).plus(ofSeconds(30)), USE1)
                .runUntil(T0.plus(ofMinutes(25)));

        Map<String, Incident> latest = scenario.latest();
        assertThat(latest).hasSize(2);
        Incident older = latest.values().stream().filter(i -> i.id().startsWith("aws-us-east-1")).findFirst().orElseThrow();
        Incident younger = latest.values().stream().filter(i -> i.id().startsWith("aws-us-west-2")).findFirst().orElseThrow();
        assertThat(older.isOpen()).isTrue();
        assertThat(older.mergedFrom()).containsExactly(younger.id());
        assertThat(older.members()).hasSize(8);
        assertThat(older.cause().componentId()).as("cause follows the better explanation").isEqualTo("aws");
        assertThat(kinds(older, TimelineKind.MERGED)).hasSize(1);
        assertThat(kinds(older, TimelineKind.CAUSE_CHANGED)).hasSize(1);
        assertThat(younger.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(kinds(younger, TimelineKind.MERGED)).singleElement()
                .satisfies(entry -> assertThat(entry.message()).isEqualTo("merged into " + older.id()));
    }

    @Test
    void incidentThatNeverResolvesExpiresAndDoesNotReopen() {
        CorrelationConfig config = CorrelationConfig.builder().maxOpen(ofHours(6)).build();
        Scenario scenario = new Scenario(cloud(), config);
        for (Instant at = T0.plus(ofSeconds(10)); at.isBefore(T0.plus(ofHours(8))); at = at.plus(ofMinutes(30))) {
            scenario.down(at, USE1); // the health source keeps confirming the outage
        }
        scenario.up(T0.plus(ofHours(8)), USE1).runUntil(T0.plus(ofHours(10)));

        assertThat(scenario.latest()).hasSize(1);
        Incident incident = scenario.latest().values().iterator().next();
        assertThat(kinds(incident, TimelineKind.EXPIRED)).singleElement()
                .satisfies(entry -> assertThat(entry.time()).isEqualTo(T0.plus(ofHours(6)).plus(ofMinutes(1))));
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(scenario.engine().stats().isEmpty()).isTrue();
    }

    @Test
    void silentImpairmentIsDroppedAfterMaxOpen() {
        CorrelationConfig config = CorrelationConfig.builder().maxOpen(ofHours(2)).build();
        Scenario scenario = new Scenario(cloud(), config)
                .down(T0.plus(ofSeconds(10)), "gcp-1")
                .runUntil(T0.plus(ofHours(3)));

        EngineStats stats = scenario.engine().stats();
        assertThat(stats.staleImpairmentsDropped()).isEqualTo(1);
        assertThat(stats.countedServices()).isZero();
        assertThat(stats.trackedEntities()).isZero();
    }

    private static List<TimelineEntry> kinds(Incident incident, TimelineKind kind) {
        return incident.timeline().stream().filter(entry -> entry.kind() == kind).toList();
    }
}
