package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.cloud;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.testing.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EngineInputTest {

    private final DependencyGraph graph = cloud();

    private int impairedUnder(CorrelationEngine engine, String component) {
        return engine.component(component).orElseThrow().impaired();
    }

    /** An engine that saw use1-1 down at +10 s and up again at +50 s, ticked at +1 min. */
    private CorrelationEngine downThenUpInTheFirstMinute() {
        CorrelationEngine engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        engine.onHealth(HealthUpdate.of("use1-1", HealthLevel.DOWN, T0.plus(ofSeconds(10))));
        engine.onHealth(HealthUpdate.of("use1-1", HealthLevel.UP, T0.plus(ofSeconds(50))));
        engine.tick(T0.plus(ofMinutes(1)));
        return engine;
    }

    @Test
    void recoveredServiceCountsForOneWindowAfterRecovery() {
        CorrelationEngine engine = downThenUpInTheFirstMinute();
        assertThat(impairedUnder(engine, "aws/us-east-1")).isEqualTo(1);

        engine.tick(T0.plus(ofMinutes(10)));
        assertThat(impairedUnder(engine, "aws/us-east-1")).as("recovered at +50 s, still inside the window").isEqualTo(1);
        engine.tick(T0.plus(ofMinutes(11)));
        assertThat(impairedUnder(engine, "aws/us-east-1")).isZero();
    }

    @Test
    void serviceRefreshedUpEveryMinuteStillLeavesTheWindowOnTime() {
        CorrelationEngine engine = downThenUpInTheFirstMinute();
        for (int minute = 2; minute <= 12; minute++) {
            engine.onHealth(HealthUpdate.of("use1-1", HealthLevel.UP, T0.plus(ofMinutes(minute - 1)).plus(ofSeconds(30))));
            engine.tick(T0.plus(ofMinutes(minute)));
            assertThat(impairedUnder(engine, "aws/us-east-1")).as("after minute %d", minute).isEqualTo(minute <= 10 ? 1 : 0);
        }
    }

    @Test
    void lateImpairedEvidenceIsNotLostWhenTheRecoveryArrivedFirst() {
        CorrelationEngine inOrder = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        inOrder.onHealth(HealthUpdate.of("use1-1", HealthLevel.DOWN, T0.plus(ofSeconds(70))));
        inOrder.onHealth(HealthUpdate.of("use1-1", HealthLevel.UP, T0.plus(ofSeconds(100))));
        inOrder.tick(T0.plus(ofMinutes(2)));

        CorrelationEngine outOfOrder = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        outOfOrder.onHealth(HealthUpdate.of("use1-1", HealthLevel.UP, T0.plus(ofSeconds(100))));
        outOfOrder.tick(T0.plus(ofMinutes(2)));
        outOfOrder.onHealth(HealthUpdate.of("use1-1", HealthLevel.DOWN, T0.plus(ofSeconds(70))));
        outOfOrder.tick(T0.plus(ofMinutes(3)));

        for (Instant at = T0.plus(ofMinutes(3)); at.isBefore(T0.plus(ofMinutes(15))); at = at.plus(ofMinutes(1))) {
            inOrder.tick(at);
            outOfOrder.tick(at);
            assertThat(impairedUnder(outOfOrder, "aws/us-east-1")).as("at %s", at)
                    .isEqualTo(impairedUnder(inOrder, "aws/us-east-1"));
        }
        assertThat(impairedUnder(outOfOrder, "aws/us-east-1")).isZero();
    }

    @Test
    void onlyConfidentImpairmentsCountAndUnknownEndsOne() {
        CorrelationEngine engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        engine.onHealth(new HealthUpdate("use1-1", HealthLevel.DOWN, 0.3, T0, null));
        engine.onHealth(new HealthUpdate("use1-2", HealthLevel.DEGRADED, 0.9, T0, null));
        engine.onHealth(new HealthUpdate("use1-3", HealthLevel.DOWN, 0.9, T0, null));
        engine.tick(T0.plus(ofMinutes(1)));
        assertThat(impairedUnder(engine, "aws/us-east-1")).isEqualTo(2);

        engine.onHealth(new HealthUpdate("use1-3", HealthLevel.UNKNOWN, 1.0, T0.plus(ofMinutes(2)), null));
        engine.tick(T0.plus(ofMinutes(3)));
        engine.tick(T0.plus(ofMinutes(13)));
        assertThat(impairedUnder(engine, "aws/us-east-1")).isEqualTo(1);
    }

    @Test
    void unknownIdsAndTooLateUpdatesAreCountedNotApplied() {
        CorrelationEngine engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        engine.tick(T0.plus(ofMinutes(30)));
        engine.onHealth(HealthUpdate.of("no-such-service", HealthLevel.DOWN, T0.plus(ofMinutes(30))));
        engine.onComponentStatus(new ComponentStatus("no-such-provider", true, T0.plus(ofMinutes(30))));
        engine.onHealth(HealthUpdate.of("use1-1", HealthLevel.DOWN, T0.plus(ofMinutes(19))));
        engine.onHealth(HealthUpdate.of("use1-2", HealthLevel.DOWN, T0.plus(ofMinutes(21))));
        engine.tick(T0.plus(ofMinutes(31)));

        EngineStats stats = engine.stats();
        assertThat(stats.unknownEntityUpdates()).isEqualTo(2);
        assertThat(stats.droppedLateUpdates()).isEqualTo(1);
        assertThat(impairedUnder(engine, "aws/us-east-1")).isEqualTo(1);
    }

    @Test
    void repeatedOrEarlierTicksAreIgnored() {
        Scenario scenario = new Scenario(graph)
                .down(T0.plus(ofSeconds(5)), "use1-1", "use1-2", "use1-3", "use1-4")
                .runUntil(T0.plus(ofMinutes(2)));
        CorrelationEngine engine = scenario.engine();

        assertThat(engine.tick(T0.plus(ofMinutes(2)))).isEmpty();
        assertThat(engine.tick(T0.plus(ofMinutes(1)))).isEmpty();
        assertThat(engine.stats().openIncidents()).isEqualTo(1);
    }
}
