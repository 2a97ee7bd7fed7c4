package io.faultline.streams.topology;

import static io.faultline.streams.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.faultline.streams.Fixtures;
import io.faultline.streams.PipelineMeters;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.TopologyHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The counters the topology feeds agree with what it actually read and wrote. */
class PipelineMetersTest {

    static final Instant T1 = T0.plus(Duration.ofMinutes(1));
    static final Instant T2 = T0.plus(Duration.ofMinutes(2));

    @TempDir
    Path stateDir;

    @Test
    void countsRecordsInOutAndDeadLettersByReasonPerStage() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var registry = Fixtures.registry();
        try (TopologyHarness h = new TopologyHarness(registry, FaultlineTopology.build(io.faultline.schemas.Topics.defaults(),
                registry, PipelineSettings.defaults(), new CatalogVersion(), StoreKind.IN_MEMORY, PipelineMeters.of(meters)),
                stateDir)) {
            h.catalog(Fixtures.catalog());
            h.rawBytes(h.topics.rawProbe.name(), "coinbase", new byte[] {1, 2, 3, 4, 5, 6}, T1);
            h.rawBytes(h.topics.rawSocial.name(), "x:1", new byte[] {0, 0}, T1);
            h.raw(Fixtures.probe("coinbase", 0, T2, false), T2);
            h.rawBytes(h.topics.signals.name(), "coinbase", new byte[] {9, 9, 9, 9, 9, 9}, T2);

            int signalsWritten = TopologyHarness.values(h.signals).size();
            int healthWritten = TopologyHarness.values(h.health).size();
            assertThat(signalsWritten).isEqualTo(1);
            assertThat(count(meters, "faultline.records.in", "normalise", "topic", h.topics.rawProbe.name())).isEqualTo(2);
            assertThat(count(meters, "faultline.records.in", "normalise", "topic", h.topics.rawSocial.name())).isEqualTo(1);
            assertThat(count(meters, "faultline.records.out", "normalise", "topic", h.topics.signals.name())).isEqualTo(1);
            assertThat(count(meters, "faultline.dead.letters", "normalise", "reason", "UNKNOWN_MAGIC_BYTE")).isEqualTo(1);
            assertThat(count(meters, "faultline.dead.letters", "normalise", "reason", "TRUNCATED")).isEqualTo(1);
            // the health stage reads the signal written above and the one piped in by hand
            assertThat(count(meters, "faultline.records.in", "health", "topic", h.topics.signals.name())).isEqualTo(2);
            assertThat(count(meters, "faultline.dead.letters", "health", "reason", "UNKNOWN_MAGIC_BYTE")).isEqualTo(1);
            assertThat(count(meters, "faultline.records.out", "health", "topic", h.topics.serviceHealth.name()))
                    .isEqualTo(healthWritten);
        }
    }

    @Test
    void noneCountsNothingAndNeedsNoRegistry() {
        PipelineMeters.NONE.in("normalise", "t");
        PipelineMeters.NONE.deadLetter("normalise", null);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PipelineMeters.of(meters).deadLetter("health", " ");
        assertThat(meters.get("faultline.dead.letters").tag("reason", "UNKNOWN").counter().count()).isEqualTo(1);
    }

    private static double count(SimpleMeterRegistry meters, String name, String stage, String tag, String value) {
        var c = meters.find(name).tag("stage", stage).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }
}
