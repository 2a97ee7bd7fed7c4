package io.faultline.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.synthetic.SyntheticCatalog;
import io.faultline.core.synthetic.SyntheticHealthStream;
import io.faultline.core.synthetic.UpdateBatch;
import io.faultline.core.catalog.DependencyGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regional outage on a SYNTHETIC catalog of 20,000 services with a steady background of short,
 * unrelated failures: one incident, blamed on the region, with exactly the region's dependents,
 * and no incident from the background (in particular not while the outage makes thousands of
 * components significant on their raw counts).
 */
class LargeOutageTest {

    private static final Instant START = Instant.parse("2021-12-07T15:00:00Z");

    @Test
    void oneRegionalOutageInNoiseMakesExactlyOneIncident() {
        DependencyGraph graph = SyntheticCatalog.graph(20_000, 42);
        String region = SyntheticCatalog.region(0, 0);
        SyntheticHealthStream stream = new SyntheticHealthStream(graph, 11, START, 5_000, 2.5e-5, region,
                START.plus(Duration.ofMinutes(20)), START.plus(Duration.ofMinutes(40)));
        CorrelationEngine engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        UpdateBatch batch = new UpdateBatch(1 << 14);
        Map<String, Incident> latest = new LinkedHashMap<>();

        for (int minute = 1; minute <= 70; minute++) {
            long tick = START.plus(Duration.ofMinutes(minute)).toEpochMilli();
            for (stream.fill(batch, tick); batch.size > 0; stream.fill(batch, tick)) {
                for (int i = 0; i < batch.size; i++) {
                    engine.onHealth(batch.entity[i], batch.level[i], 1.0, batch.time[i], batch.region[i]);
                }
            }
            engine.tick(Instant.ofEpochMilli(tick)).forEach(incident -> latest.put(incident.id(), incident));
        }

        assertThat(latest).hasSize(1);
        Incident incident = latest.values().iterator().next();
        assertThat(incident.cause().componentId()).isEqualTo(region);
        assertThat(incident.openedAt()).isEqualTo(START.plus(Duration.ofMinutes(21)));
        assertThat(incident.members()).hasSize(stream.outageServices());
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident.cause().confidence()).isGreaterThan(0.99);
    }
}
