package io.faultline.streams.offline;

import static io.faultline.streams.Fixtures.AFFECTED;
import static io.faultline.streams.Fixtures.OUTAGE_END;
import static io.faultline.streams.Fixtures.OUTAGE_START;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.schemas.Topics;
import io.faultline.streams.Fixtures;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.TopologyHarness;
import io.faultline.streams.topology.CatalogVersion;
import io.faultline.streams.topology.FaultlineTopology;
import io.faultline.streams.topology.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline pipeline and the Kafka Streams topology judge the same input alike. */
class OfflinePipelineEquivalenceTest {

    @TempDir
    Path stateDir;

    @Test
    void sameHealthChangesAndSignalsAsTheTopologyForTheSameOutOfOrderInputWithDuplicates() {
        List<Fixtures.Timed> input = new ArrayList<>(Fixtures.shuffledLocally(Fixtures.outage(70)));
        // replay overlap: the first ten minutes of the outage again
        input.addAll(input.subList(input.size() / 7, input.size() / 7 + 300));

        var registry = Fixtures.registry();
        List<ServiceHealth> fromTopology;
        List<ServiceSignal> signalsFromTopology;
        try (TopologyHarness h = new TopologyHarness(registry, FaultlineTopology.build(Topics.defaults(), registry,
                PipelineSettings.defaults(), new CatalogVersion(), StoreKind.IN_MEMORY), stateDir)) {
            h.catalog(Fixtures.catalog());
            h.raw(input);
            fromTopology = TopologyHarness.values(h.health);
            signalsFromTopology = TopologyHarness.values(h.signals);
        }

        List<ServiceHealth> offline = new ArrayList<>();
        List<ServiceSignal> offlineSignals = new ArrayList<>();
        OfflinePipeline pipeline = new OfflinePipeline(Fixtures.catalog(), PipelineSettings.defaults(), offlineSignals::add,
                offline::add);
        input.forEach(r -> pipeline.accept(r.value(), r.time()));

        assertThat(offline).isNotEmpty().isEqualTo(fromTopology);
        assertThat(offlineSignals).isEqualTo(signalsFromTopology);
        assertThat(offlineSignals).extracting(ServiceSignal::getSignalId).doesNotHaveDuplicates();
        assertThat(pipeline.duplicates()).isEqualTo(300);

        // what a user checks: the us-east-1 services went down near the start and came back, netflix stayed up
        for (String s : AFFECTED) {
            List<ServiceHealth> mine = offline.stream().filter(c -> c.getServiceId().equals(s)).toList();
            assertThat(mine).extracting(ServiceHealth::getState).contains(HealthState.DOWN).endsWith(HealthState.UP);
            assertThat(mine.get(0).getEventTime()).isBetween(OUTAGE_START, OUTAGE_START.plus(Duration.ofMinutes(3)));
            assertThat(mine.get(mine.size() - 1).getEventTime()).isAfter(OUTAGE_END);
        }
        assertThat(offline).extracting(ServiceHealth::getServiceId).doesNotContain("netflix");
        // the AWS status post made the region itself impaired, keyed by the region's id
        assertThat(offline).filteredOn(c -> c.getServiceId().equals("aws/us-east-1"))
                .extracting(ServiceHealth::getState).containsExactly(HealthState.DEGRADED, HealthState.UP);
        assertThat(pipeline.impaired()).isEmpty();
        assertThat(pipeline.health("coinbase")).get().extracting(ServiceHealth::getState).isEqualTo(HealthState.UP);
    }

    @Test
    void liveViewListsImpairedServicesMidOutage() {
        OfflinePipeline pipeline = new OfflinePipeline(Fixtures.catalog(), PipelineSettings.defaults(), s -> { }, h -> { });
        Fixtures.outage(20).forEach(r -> pipeline.accept(r.value(), r.time()));
        assertThat(pipeline.impaired()).extracting(ServiceHealth::getServiceId).containsExactlyElementsOf(
                AFFECTED.stream().sorted().toList());
        assertThat(pipeline.health("netflix")).isEmpty();
    }
}
