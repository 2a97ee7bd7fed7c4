package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.cloud;
import static io.faultline.core.testing.TestCatalog.service;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.testing.Scenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotRestoreTest {

    private static final Instant END = T0.plus(ofMinutes(80));

    /** A run with an incident that opens, gets a status page, changes cause, flaps and resolves. */
    private static Scenario busyScenario(Scenario scenario) {
        return scenario
                .down(T0.plus(ofSeconds(10)), "use1-1", "use1-2", "use1-3", "use1-4")
                .down(T0.plus(ofSeconds(20)), "gcp-1")
                .status(T0.plus(ofMinutes(4)), "aws/us-east-1", true)
                .downIn(T0.plus(ofMinutes(6)), "us-west-2", "usw2-1", "usw2-2", "usw2-3", "usw2-4")
                .up(T0.plus(ofMinutes(12)), "use1-1", "gcp-1")
                .down(T0.plus(ofMinutes(14)), "use1-1")
                .up(T0.plus(ofMinutes(30)), "use1-1", "use1-2", "use1-3", "use1-4", "usw2-1", "usw2-2", "usw2-3", "usw2-4")
                .status(T0.plus(ofMinutes(31)), "aws/us-east-1", false)
                .down(T0.plus(ofMinutes(33)), "cf-1", "cf-2", "cf-3", "cf-4")
                .up(T0.plus(ofMinutes(45)), "cf-1", "cf-2", "cf-3", "cf-4");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 7, 16, 33, 40, 52})
    void restoringMidStreamAndContinuingEmitsTheSameRevisions(int minutesBeforeSnapshot) throws Exception {
        Instant cut = T0.plus(ofMinutes(minutesBeforeSnapshot));
        Scenario first = busyScenario(new Scenario(cloud())).runUntil(cut);
        // an update delivered after the cut but before the next tick is part of the snapshot
        first.engine().onHealth(new HealthUpdate("euw1-1", HealthLevel.DOWN, 1.0, cut.plus(ofSeconds(5)), null));
        CorrelationEngine restored = CorrelationEngine.restore(roundTrip(first.engine().snapshot()), cloud());
        Scenario second = busyScenario(Scenario.resume(restored, cut)).runUntil(END);

        Scenario reference = busyScenario(new Scenario(cloud())).runUntil(cut);
        reference.engine().onHealth(new HealthUpdate("euw1-1", HealthLevel.DOWN, 1.0, cut.plus(ofSeconds(5)), null));
        reference.runUntil(END);

        List<Incident> expected = reference.revisions().subList(first.revisions().size(), reference.revisions().size());
        assertThat(expected).as("something happens after the cut").isNotEmpty();
        assertThat(second.revisions()).isEqualTo(expected);
        assertThat(second.engine().stats()).isEqualTo(reference.engine().stats());
    }

    @Test
    void restoreOntoAChangedCatalogKeepsStateById() {
        Scenario scenario = new Scenario(cloud())
                .down(T0.plus(ofSeconds(10)), "use1-1", "use1-2", "use1-3", "use1-4")
                .runUntil(T0.plus(ofMinutes(3)));
        DependencyGraph grown = cloud(service("use1-new", "aws/us-east-1"));

        CorrelationEngine moved = scenario.engine().withGraph(grown);

        assertThat(moved.component("aws/us-east-1").orElseThrow().impaired()).isEqualTo(4);
        assertThat(moved.component("aws/us-east-1").orElseThrow().dependents()).isEqualTo(11);
        assertThat(moved.stats().openIncidents()).isEqualTo(1);
        Scenario continued = Scenario.resume(moved, T0.plus(ofMinutes(3)))
                .down(T0.plus(ofMinutes(4)), "use1-new", "use1-5")
                .runUntil(T0.plus(ofMinutes(5)));
        Incident incident = AttributionTest.onlyIncident(continued);
        assertThat(incident.id()).isEqualTo(AttributionTest.onlyIncident(scenario).id());
        assertThat(incident.members()).extracting(IncidentMember::serviceId).contains("use1-new", "use1-5");
    }

    private static EngineSnapshot roundTrip(EngineSnapshot snapshot) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EngineSnapshot) in.readObject();
        }
    }
}
