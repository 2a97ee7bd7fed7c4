package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.cloud;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.testing.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** use1-6 fails for 30 minutes every day: it must never trigger alone and must count less. */
class SurpriseWeightingTest {

    private static final int HISTORY_DAYS = 14;
    private static final Instant AFTER_HISTORY = T0.plus(ofDays(HISTORY_DAYS));

    @Test
    void noisyServiceNeverTriggersAloneAndItsBaseRateLowersItsWeight() {
        Scenario scenario = noisyHistory();

        assertThat(scenario.revisions()).as("two weeks of a daily flake open nothing").isEmpty();
        CorrelationEngine engine = scenario.engine();
        assertThat(engine.serviceWeight("use1-6")).isBetween(0.5, 0.85);
        assertThat(engine.serviceWeight("use1-1")).isEqualTo(1.0);
        assertThat(engine.stats().countedServices()).isZero();
    }

    @Test
    void anOutageIncludingTheNoisyServiceIsLessSignificantThanOneOfReliableServices() {
        EngineSnapshot history = noisyHistory().engine().snapshot();

        Attribution reliable = causeAfterFailing(history, "use1-1", "use1-2", "use1-3");
        Attribution withNoisy = causeAfterFailing(history, "use1-1", "use1-2", "use1-6");

        assertThat(reliable.componentId()).isEqualTo("aws/us-east-1");
        assertThat(withNoisy.componentId()).isEqualTo("aws/us-east-1");
        assertThat(withNoisy.impaired()).isEqualTo(reliable.impaired()).isEqualTo(3);
        assertThat(withNoisy.pValue()).isGreaterThan(reliable.pValue() * 3);
        assertThat(withNoisy.score()).isLessThan(reliable.score());
        assertThat(withNoisy.reasons()).anyMatch(reason -> reason.startsWith("surprise-weighted count"));
    }

    private static Scenario noisyHistory() {
        Scenario scenario = new Scenario(cloud());
        for (int day = 0; day < HISTORY_DAYS; day++) {
            Instant start = T0.plus(ofDays(day)).plus(ofHours(2));
            scenario.down(start, "use1-6").up(start.plus(ofMinutes(30)), "use1-6");
        }
        return scenario.runUntil(AFTER_HISTORY);
    }

    private static Attribution causeAfterFailing(EngineSnapshot history, String... services) {
        Scenario scenario = Scenario.resume(CorrelationEngine.restore(history, cloud()), AFTER_HISTORY);
        scenario.down(AFTER_HISTORY.plus(ofSeconds(5)), services).runUntil(AFTER_HISTORY.plus(ofMinutes(1)));
        return AttributionTest.onlyIncident(scenario).cause();
    }
}
