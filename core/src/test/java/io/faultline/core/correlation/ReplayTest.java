package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.cloud;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.testing.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static HealthUpdate down(Instant at, String service) {
        return HealthUpdate.of(service, HealthLevel.DOWN, at);
    }

    @Test
    void ticksOnTheGridAndDeliversInputsBeforeTheirTick() {
        assertThat(Replay.alignedTickAtOrAfter(T0.plus(ofSeconds(1)), ofMinutes(1))).isEqualTo(T0.plus(ofMinutes(1)));
        assertThat(Replay.alignedTickAtOrAfter(T0, ofMinutes(1))).isEqualTo(T0);

        List<CorrelationInput> inputs = List.of(
                new ComponentStatus("aws/us-east-1", true, T0.plus(ofSeconds(5))),
                down(T0.plus(ofSeconds(10)), "use1-1"), down(T0.plus(ofSeconds(20)), "use1-2"),
                down(T0.plus(ofSeconds(50)), "use1-3"), down(T0.plus(ofSeconds(70)), "use1-4"),
                HealthUpdate.of("use1-1", HealthLevel.UP, T0.plus(ofMinutes(20))));
        List<Incident> replayed = new ArrayList<>();
        Replay.run(CorrelationEngine.create(cloud(), CorrelationConfig.defaults()), inputs.iterator(),
                T0.plus(ofMinutes(30)), replayed::add);

        Scenario scenario = new Scenario(cloud())
                .status(T0.plus(ofSeconds(5)), "aws/us-east-1", true)
                .down(T0.plus(ofSeconds(10)), "use1-1").down(T0.plus(ofSeconds(20)), "use1-2")
                .down(T0.plus(ofSeconds(50)), "use1-3").down(T0.plus(ofSeconds(70)), "use1-4")
                .up(T0.plus(ofMinutes(20)), "use1-1")
                .runUntil(T0.plus(ofMinutes(30)));

        assertThat(replayed).isNotEmpty().isEqualTo(scenario.revisions());
        assertThat(replayed.get(0).openedAt()).isEqualTo(T0.plus(ofMinutes(1)));
        assertThat(replayed.get(0).state()).as("status page agrees").isEqualTo(IncidentState.CONFIRMED);
    }
}
