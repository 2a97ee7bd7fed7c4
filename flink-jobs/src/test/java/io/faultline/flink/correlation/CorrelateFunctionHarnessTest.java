package io.faultline.flink.correlation;

import static io.faultline.flink.correlation.CorrelationFixtures.T0;
import static io.faultline.flink.correlation.CorrelationFixtures.catalog;
import static io.faultline.flink.correlation.CorrelationFixtures.health;
import static io.faultline.flink.correlation.CorrelationFixtures.outageHealth;
import static io.faultline.flink.correlation.CorrelationFixtures.outageSignals;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentEvent;
import io.faultline.avro.IncidentEventKind;
import io.faultline.avro.IncidentState;
import io.faultline.avro.ServiceHealth;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.EngineStats;
import io.faultline.schemas.mapping.CatalogEntities;
import io.faultline.schemas.mapping.HealthMapping;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The correlating operator alone: ticks from watermarks, state bounded and cleaned, snapshot and restore. */
class CorrelateFunctionHarnessTest {

    private static final CorrelationJobConfig CONFIG = CorrelationJobConfig.defaults();
    private static final UpstreamGate CAUGHT_UP = () -> true;

    @Test
    void ticksOnlyOnceTheWatermarkPassesAndDrainsTheBufferAsItGoes() throws Exception {
        try (var harness = harness(null)) {
            feedCatalog(harness);
            feed(harness, outageHealth());
            assertThat(harness.extractOutputValues()).as("no watermark, no tick").isEmpty();
            assertThat(bufferedBuckets(harness)).isNotEmpty();

            harness.watermark(T0.plus(Duration.ofMinutes(39)).toEpochMilli());
            assertThat(harness.extractOutputValues()).as("quiet so far").isEmpty();
            assertThat(bufferedBuckets(harness)).allMatch(bucket -> bucket > T0.plus(Duration.ofMinutes(39)).toEpochMilli());
            assertThat(harness.numEventTimeTimers()).as("one timer: the next tick").isEqualTo(1);

            harness.watermark(T0.plus(Duration.ofMinutes(45)).toEpochMilli());
            assertThat(harness.extractOutputValues()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getCause().getComponentId()).isEqualTo("aws/us-east-1"));
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void stateIsClearedOnceTheIncidentResolvesAndServicesGoIdle() throws Exception {
        try (var harness = harness(null)) {
            feedCatalog(harness);
            feed(harness, outageHealth());
            harness.watermark(T0.plus(Duration.ofHours(4)).toEpochMilli());

            List<CorrelatedIncident> out = harness.extractOutputValues();
            assertThat(out).isNotEmpty();
            assertThat(out.get(out.size() - 1).getState()).isEqualTo(IncidentState.RESOLVED);
            assertThat(bufferedBuckets(harness)).as("buffer drained").isEmpty();
            EngineStats stats = engineStats(harness);
            assertThat(stats.isEmpty()).as("engine holds no working state: %s", stats).isTrue();
        }
    }

    @Test
    void anIncidentThatNeverResolvesExpiresAfterMaxOpen() throws Exception {
        try (var harness = harness(null)) {
            feedCatalog(harness);
            List<ServiceHealth> neverRecover = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                neverRecover.add(health("use1-" + i, HealthState.DOWN, T0.plusSeconds(20L * i)));
            }
            feed(harness, neverRecover);
            harness.watermark(T0.plus(Duration.ofHours(1)).toEpochMilli());
            assertThat(engineStats(harness).openIncidents()).isEqualTo(1);

            harness.watermark(T0.plus(CONFIG.engine().maxOpen()).plus(Duration.ofHours(1)).toEpochMilli());

            List<CorrelatedIncident> out = harness.extractOutputValues();
            CorrelatedIncident last = out.get(out.size() - 1);
            assertThat(last.getState()).isEqualTo(IncidentState.RESOLVED);
            assertThat(last.getTimeline()).extracting(IncidentEvent::getKind).contains(IncidentEventKind.EXPIRED);
            EngineStats stats = engineStats(harness);
            assertThat(stats.openIncidents()).isZero();
            assertThat(stats.trackedEntities()).as("stale impairments dropped, services cleared").isZero();
        }
    }

    @Test
    void restoredFromACheckpointItEmitsWhatAnUninterruptedRunEmits() throws Exception {
        List<ServiceHealth> history = outageHealth();
        Instant cut = T0.plus(Duration.ofMinutes(50));
        Instant end = T0.plus(Duration.ofHours(3));
        List<CorrelatedIncident> uninterrupted;
        try (var harness = harness(null)) {
            feedCatalog(harness);
            feed(harness, history);
            harness.watermark(end.toEpochMilli());
            uninterrupted = harness.extractOutputValues();
        }

        List<CorrelatedIncident> interrupted = new ArrayList<>();
        OperatorSubtaskState checkpoint;
        try (var first = harness(null)) {
            feedCatalog(first);
            feed(first, history.stream().filter(h -> h.getSince().isBefore(cut)).toList());
            first.watermark(cut.minusSeconds(30).toEpochMilli());
            checkpoint = first.snapshot(1, 1);
            interrupted.addAll(first.extractOutputValues());
            // the revisions emitted after the checkpoint would be rolled back by the exactly-once sink
        }
        try (var second = harness(checkpoint)) {
            feed(second, history.stream().filter(h -> !h.getSince().isBefore(cut)).toList());
            second.watermark(end.toEpochMilli());
            interrupted.addAll(second.extractOutputValues());
        }

        assertThat(uninterrupted).isNotEmpty();
        assertThat(interrupted).isEqualTo(uninterrupted);
    }

    @Test
    void aCatalogChangeAppliesBeforeTheNextTick() throws Exception {
        try (var harness = harness(null)) {
            List<CatalogEntry> withoutWest = catalog().stream()
                    .filter(e -> !e.getEntityId().startsWith("usw2-")).toList();
            for (CatalogEntry e : withoutWest) {
                harness.processBroadcastElement(e, 0);
            }
            List<ServiceHealth> west = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                west.add(health("usw2-" + i, HealthState.DOWN, T0.plusSeconds(10L * i)));
            }
            feed(harness, west.subList(0, 1));
            harness.watermark(T0.plus(Duration.ofMinutes(2)).toEpochMilli());
            assertThat(engineStats(harness).unknownEntityUpdates()).isEqualTo(1);

            for (CatalogEntry e : catalog()) {
                if (e.getEntityId().startsWith("usw2-")) {
                    harness.processBroadcastElement(e, 0);
                }
            }
            List<ServiceHealth> later = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                later.add(health("usw2-" + i, HealthState.DOWN, T0.plus(Duration.ofMinutes(3)).plusSeconds(10L * i)));
            }
            feed(harness, later);
            harness.watermark(T0.plus(Duration.ofMinutes(6)).toEpochMilli());

            assertThat(harness.extractOutputValues()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getCause().getComponentId()).isEqualTo("aws/us-west-2"));
        }
    }

    @Test
    void afterQuietInputTheTicksUpToTheNewestInputRunAsAWatermarkThereWouldRunThem() throws Exception {
        List<ServiceHealth> history = outageHealth();
        List<CorrelatedIncident> byWatermark;
        long newest;
        try (var harness = harness(null)) {
            feedCatalog(harness);
            feed(harness, history);
            newest = newestBuffered(harness);
            harness.watermark(newest);
            byWatermark = harness.extractOutputValues();
        }
        try (var harness = harness(null, CAUGHT_UP)) {
            feedCatalog(harness);
            harness.setProcessingTime(1_000);
            feed(harness, history);
            harness.setProcessingTime(1_000 + CONFIG.quietInput().toMillis() - 1);
            assertThat(harness.extractOutputValues()).as("not quiet long enough yet").isEmpty();

            harness.setProcessingTime(1_000 + CONFIG.quietInput().toMillis());

            assertThat(byWatermark).isNotEmpty();
            assertThat(harness.extractOutputValues()).isEqualTo(byWatermark);
            assertThat(bufferedBuckets(harness)).as("every input applied").isEmpty();
        }
    }

    @Test
    void inputThatKeepsArrivingIsNeverTakenAsQuiet() throws Exception {
        try (var harness = harness(null, CAUGHT_UP)) {
            feedCatalog(harness);
            long wall = 1_000;
            for (ServiceHealth h : outageHealth()) {
                harness.setProcessingTime(wall);
                feed(harness, List.of(h));
                wall += CONFIG.quietInput().toMillis() / 2;
            }
            assertThat(harness.extractOutputValues()).as("the watermark alone decides while input flows").isEmpty();
            assertThat(bufferedBuckets(harness)).isNotEmpty();
        }
    }

    @Test
    void quietInputWaitsWhileTheUpstreamIsStillAtWorkAndProgressEventsCountAsInput() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean caughtUp = new java.util.concurrent.atomic.AtomicBoolean(false);
        UpstreamGate gate = caughtUp::get;
        long quiet = CONFIG.quietInput().toMillis();
        try (var harness = harness(null, gate)) {
            feedCatalog(harness);
            harness.setProcessingTime(1_000);
            feed(harness, outageHealth());
            harness.setProcessingTime(1_000 + quiet);
            assertThat(harness.extractOutputValues()).as("quiet, but the upstream is not caught up").isEmpty();

            caughtUp.set(true);
            // signals the job does not correlate are still arriving (before the gate is asked again): not quiet
            harness.setProcessingTime(1_000 + quiet + CorrelateFunction.RECHECK_MILLIS / 2);
            harness.processElement(CorrelationEvent.progress(T0.toEpochMilli()), T0.toEpochMilli());
            harness.setProcessingTime(1_000 + 2 * quiet);
            assertThat(harness.extractOutputValues()).as("a progress event restarted the quiet period").isEmpty();

            harness.setProcessingTime(1_000 + 3 * quiet);
            assertThat(harness.extractOutputValues()).isNotEmpty();
            assertThat(bufferedBuckets(harness)).as("progress events are not buffered").isEmpty();
        }
    }

    @Test
    void withoutAnUpstreamGateThereIsNoQuietFlush() throws Exception {
        try (var harness = harness(null)) {
            feedCatalog(harness);
            harness.setProcessingTime(1_000);
            feed(harness, outageHealth());
            harness.setProcessingTime(1_000 + 10 * CONFIG.quietInput().toMillis());
            assertThat(harness.extractOutputValues()).isEmpty();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aQuietTimerRestoredFromACheckpointWaitsForTheInputAfterTheCheckpoint() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var first = harness(null, CAUGHT_UP)) {
            feedCatalog(first);
            first.setProcessingTime(1_000);
            feed(first, outageHealth());
            checkpoint = first.snapshot(1, 1);
            assertThat(first.numProcessingTimeTimers()).isEqualTo(1);
        }
        try (var second = harness(checkpoint, CAUGHT_UP)) {
            second.setProcessingTime(1_000 + CONFIG.quietInput().toMillis());
            assertThat(second.extractOutputValues()).as("restored timer re-arms, does not flush").isEmpty();
            assertThat(second.numProcessingTimeTimers()).isEqualTo(1);
            second.setProcessingTime(1_000 + 2 * CONFIG.quietInput().toMillis());
            assertThat(second.extractOutputValues()).as("quiet since the restore: the ticks run").isNotEmpty();
        }
    }

    private static KeyedBroadcastOperatorTestHarness<Integer, CorrelationEvent, CatalogEntry, CorrelatedIncident> harness(
            OperatorSubtaskState restoreFrom) throws Exception {
        return harness(restoreFrom, null);
    }

    /** {@code upstream}: the gate of the quiet-input flush, null for none (no flush). */
    private static KeyedBroadcastOperatorTestHarness<Integer, CorrelationEvent, CatalogEntry, CorrelatedIncident> harness(
            OperatorSubtaskState restoreFrom, UpstreamGate upstream) throws Exception {
        var operator = new CoBroadcastWithKeyedOperator<>(new CorrelateFunction(CONFIG, false, upstream),
                List.of(CorrelateFunction.CATALOG));
        var harness = new KeyedBroadcastOperatorTestHarness<>(operator, (CorrelationEvent e) -> CorrelationJob.GLOBAL,
                Types.INT, 1, 1, 0);
        harness.setup();
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }

    private static void feedCatalog(KeyedBroadcastOperatorTestHarness<Integer, CorrelationEvent, CatalogEntry, CorrelatedIncident> h)
            throws Exception {
        for (CatalogEntry e : catalog()) {
            h.processBroadcastElement(e, 0);
        }
    }

    private static void feed(KeyedBroadcastOperatorTestHarness<Integer, CorrelationEvent, CatalogEntry, CorrelatedIncident> h,
                             List<ServiceHealth> health) throws Exception {
        List<CorrelationInput> inputs = new ArrayList<>();
        health.forEach(x -> inputs.add(HealthMapping.toUpdate(x)));
        outageSignals().forEach(s -> HealthMapping.toCorrelationInput(s)
                .filter(c -> health.stream().anyMatch(x -> !x.getSince().isAfter(c.time()))
                        && health.stream().anyMatch(x -> !x.getSince().isBefore(c.time())))
                .ifPresent(inputs::add));
        inputs.sort(Comparator.comparing(CorrelationInput::time));
        for (CorrelationInput input : inputs) {
            h.processElement(CorrelationEvent.of(input), input.time().toEpochMilli());
        }
    }

    private static List<Long> bufferedBuckets(KeyedBroadcastOperatorTestHarness<Integer, ?, ?, ?> h) throws Exception {
        MapState<Long, List<CorrelationEvent>> buffer = keyed(h).getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, CorrelateFunction.BUFFER);
        List<Long> keys = new ArrayList<>();
        buffer.keys().forEach(keys::add);
        return keys;
    }

    /** The newest buffered bucket: the tick at or after the newest input. */
    private static long newestBuffered(KeyedBroadcastOperatorTestHarness<Integer, ?, ?, ?> h) throws Exception {
        return bufferedBuckets(h).stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static EngineStats engineStats(KeyedBroadcastOperatorTestHarness<Integer, ?, ?, ?> h) throws Exception {
        ValueState<byte[]> saved = keyed(h).getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, CorrelateFunction.ENGINE);
        return CorrelationEngine.restore(EngineSnapshots.fromBytes(saved.value()), CatalogEntities.graph(catalog()))
                .stats();
    }

    private static KeyedStateBackend<Object> keyed(KeyedBroadcastOperatorTestHarness<Integer, ?, ?, ?> h) {
        KeyedStateBackend<Object> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(CorrelationJob.GLOBAL);
        return backend;
    }
}
