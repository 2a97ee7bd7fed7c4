package io.faultline.flink.correlation;

import static io.faultline.flink.correlation.CorrelationFixtures.T0;
import static io.faultline.flink.correlation.CorrelationFixtures.catalog;
import static io.faultline.flink.correlation.CorrelationFixtures.health;
import static io.faultline.flink.correlation.CorrelationFixtures.locallyShuffled;
import static io.faultline.flink.correlation.CorrelationFixtures.outageHealth;
import static io.faultline.flink.correlation.CorrelationFixtures.outageSignals;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.IncidentState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.Replay;
import io.faultline.schemas.mapping.CatalogEntities;
import io.faultline.schemas.mapping.HealthMapping;
import io.faultline.schemas.mapping.IncidentMapping;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Whole-job tests on a Flink mini cluster (parallelism 2) with finite inputs. */
class CorrelationJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final CorrelationJobConfig CONFIG = CorrelationJobConfig.defaults()
            .withMaxOutOfOrderness(Duration.ofMinutes(3));

    @Test
    void batchFindsTheRegionalOutageAndNamesTheRegion() throws Exception {
        List<CorrelatedIncident> revisions = CorrelationJob.runBatch(CONFIG, catalog(), outageHealth(), outageSignals());

        assertThat(revisions).isNotEmpty();
        assertThat(revisions).extracting(CorrelatedIncident::getIncidentId).as("one incident").containsOnly(
                revisions.get(0).getIncidentId());
        CorrelatedIncident last = revisions.get(revisions.size() - 1);
        assertThat(last.getCause().getComponentId()).isEqualTo("aws/us-east-1");
        assertThat(last.getCause().getComponentName()).isEqualTo("AWS/US-EAST-1");
        assertThat(revisions).anySatisfy(r -> assertThat(r.getCause().getStatusPageAgrees()).isTrue());
        assertThat(last.getState()).isEqualTo(IncidentState.RESOLVED);
        assertThat(last.getMembers()).extracting(IncidentMember::getServiceId).allMatch(id -> id.startsWith("use1-"));
        assertThat(revisions).extracting(CorrelatedIncident::getRevision)
                .containsExactlyElementsOf(Stream.iterate(1L, r -> r + 1).limit(revisions.size()).toList());
    }

    @Test
    void batchEqualsTheCoreReplayOfTheSameInputs() throws Exception {
        List<CorrelatedIncident> batch = CorrelationJob.runBatch(CONFIG, catalog(), outageHealth(), outageSignals());

        DependencyGraph graph = CatalogEntities.graph(catalog());
        List<CorrelationInput> inputs = new ArrayList<>();
        outageHealth().forEach(h -> inputs.add(HealthMapping.toUpdate(h)));
        outageSignals().stream().filter(s -> !s.getEntityId().startsWith("use1-"))
                .forEach(s -> HealthMapping.toCorrelationInput(s).ifPresent(inputs::add));
        inputs.sort(Comparator.comparing(CorrelationInput::time));
        Instant newest = inputs.get(inputs.size() - 1).time();
        Instant until = Replay.alignedTickAtOrAfter(newest, Duration.ofMinutes(1)).plus(CONFIG.drainAfterInput());
        List<CorrelatedIncident> replayed = new ArrayList<>();
        Replay.run(CorrelationEngine.create(graph, CONFIG.engine()), inputs.iterator(), until,
                incident -> replayed.add(IncidentMapping.toAvro(incident, graph)));

        assertThat(batch).isNotEmpty().isEqualTo(replayed);
    }

    @Test
    void streamingAtParallelismTwoWithOutOfOrderInputEqualsBatch() throws Exception {
        List<CorrelatedIncident> batch = CorrelationJob.runBatch(CONFIG, catalog(), outageHealth(), outageSignals());

        List<ServiceHealth> shuffled = locallyShuffled(outageHealth(), 4, 11);
        assertThat(shuffled).as("really out of order").isNotEqualTo(outageHealth());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        CorrelationStreams out = new CorrelationJob(CONFIG).build(env,
                scattered(env, shuffled, ServiceHealth.class),
                scattered(env, outageSignals(), ServiceSignal.class),
                env.fromData(catalog(), new AvroTypeInfo<>(CatalogEntry.class)));
        List<CorrelatedIncident> streamed = collect(out.incidents(), "streaming");
        streamed.sort(CorrelationJob.REVISION_ORDER);

        assertThat(streamed).isNotEmpty().isEqualTo(batch);
    }

    @Test
    void anInvalidRecordIsDeadLetteredAndTheOthersFlowOn() throws Exception {
        List<ServiceHealth> withBad = new ArrayList<>(outageHealth());
        ServiceHealth bad = health("use1-1", HealthState.DOWN, T0.plusSeconds(5));
        bad.setConfidence(1.7);
        withBad.add(0, bad);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        CorrelationStreams out = new CorrelationJob(CONFIG).build(env,
                env.fromData(withBad, new AvroTypeInfo<>(ServiceHealth.class)),
                env.fromData(outageSignals(), new AvroTypeInfo<>(ServiceSignal.class)),
                env.fromData(catalog(), new AvroTypeInfo<>(CatalogEntry.class)));
        out.incidents().sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        List<DeadLetter> dead = collect(out.deadLetters(), "dead-letters");

        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.getErrorType()).isEqualTo("INVALID_RECORD");
            assertThat(d.getReason()).contains("confidence of 'use1-1' must be in [0, 1], was 1.7");
            assertThat(d.getSource()).isEqualTo("correlation.service-health");
        });
    }

    /** A finite source followed by a rebalance over two subtasks: records reach the job in shuffled order. */
    private static <T extends org.apache.avro.specific.SpecificRecordBase> DataStream<T> scattered(
            StreamExecutionEnvironment env, List<T> records, Class<T> type) {
        TypeInformation<T> info = new AvroTypeInfo<>(type);
        return env.fromData(records, info).rebalance().map(r -> r, info).setParallelism(2);
    }

    private static <T> List<T> collect(DataStream<T> stream, String name) throws Exception {
        List<T> out = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect(name)) {
            it.forEachRemaining(out::add);
        }
        return out;
    }
}
