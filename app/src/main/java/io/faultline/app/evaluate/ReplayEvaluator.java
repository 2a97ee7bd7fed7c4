package io.faultline.app.evaluate;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.Replay;
import io.faultline.core.evaluation.ExpectedOutcome;
import io.faultline.core.evaluation.ReplayScore;
import io.faultline.core.evaluation.ReplayScorer;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.ingestion.evaluation.ExpectedOutcomes;
import io.faultline.ingestion.evaluation.HeldOutCatalog;
import io.faultline.ingestion.replay.RawEvent;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.schemas.mapping.CatalogEntities;
import io.faultline.schemas.mapping.HealthMapping;
import io.faultline.schemas.mapping.IncidentMapping;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.offline.OfflinePipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one replay through the pipeline's own code and scores it: raw events from
 * {@link ReplaySource} → the streams logic ({@link OfflinePipeline}) → the correlation job in Flink
 * BATCH mode ({@link CorrelationJob#runBatch}) or the core engine directly → {@link ReplayScorer}.
 * Nothing here decides; it only feeds one stage into the next.
 */
public final class ReplayEvaluator {

    /** What runs the correlation. */
    public enum Engine { FLINK_BATCH, CORE }

    /** Which catalog the replay is scored against (see {@link HeldOutCatalog}). */
    public enum CatalogView { ALL_EDGES, HELD_OUT }

    /** After the last raw event, time keeps moving this far so incidents can resolve. */
    public static final Duration DRAIN = Duration.ofHours(1);

    private final List<CatalogEntry> catalog;
    private final Engine engine;

    public ReplayEvaluator(List<CatalogEntry> catalog, Engine engine) {
        this.catalog = List.copyOf(catalog);
        this.engine = engine;
    }

    /** One replay folder ({@code expected.json} plus a timeline or an archive) in one catalog view. */
    public Result evaluate(Path replayDir, CatalogView view) throws Exception {
        ExpectedOutcome expected = ExpectedOutcomes.read(replayDir.resolve("expected.json"));
        List<CatalogEntry> entries = catalog;
        int dropped = 0;
        if (view == CatalogView.HELD_OUT && replayDir.resolve("timeline.yaml").toFile().isFile()) {
            HeldOutCatalog.HeldOut heldOut = HeldOutCatalog.without(catalog,
                    HeldOutCatalog.sourceUrls(replayDir.resolve("timeline.yaml")));
            entries = heldOut.entries();
            dropped = heldOut.droppedEdges();
        }

        Streamed streamed = streams(replayDir, ReplayOptions.defaults(), entries);
        List<ServiceSignal> signals = streamed.signals();
        List<ServiceHealth> health = streamed.health();
        Instant last = streamed.last();
        List<Incident> revisions = correlate(entries, health, signals, last);
        Instant firstImpaired = health.stream()
                .filter(h -> h.getState() != HealthState.UP && expected.affectedServices().contains(h.getServiceId()))
                .map(ServiceHealth::getEventTime).min(Comparator.naturalOrder()).orElse(null);
        ReplayScore score = ReplayScorer.score(expected, revisions, firstImpaired);
        return new Result(score, view, streamed.rawEvents(), signals.size(), health.size(), streamed.deadLetters(), dropped,
                revisions);
    }

    /**
     * The streams stage over a replay: raw events of {@code source} through {@link OfflinePipeline},
     * then {@link #DRAIN} of stream time after the last event so evidence can age out. Signals and
     * health changes reach the sinks in the order the pipeline makes them.
     */
    public static Fed feed(Path source, ReplayOptions options, List<CatalogEntry> entries, Consumer<ServiceSignal> signals,
                           Consumer<ServiceHealth> health) {
        OfflinePipeline pipeline = new OfflinePipeline(entries, PipelineSettings.defaults(), signals, health);
        long events = 0;
        long refused = 0;
        long unreadable;
        Instant last = null;
        try (ReplaySource replay = ReplaySource.open(source, options)) {
            Iterator<RawEvent> it = replay.events();
            while (it.hasNext()) {
                RawEvent event = it.next();
                events++;
                last = event.eventTime();
                try {
                    pipeline.accept(event.value(), event.eventTime());
                } catch (IllegalArgumentException noNaturalKey) {
                    refused++; // the topology dead-letters such a record
                }
            }
            unreadable = replay.rejected().size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (last != null) {
            pipeline.advanceTo(last.plus(DRAIN));
        }
        return new Fed(events, refused, unreadable, last);
    }

    /** {@link #feed} into lists. */
    public static Streamed streams(Path source, ReplayOptions options, List<CatalogEntry> entries) {
        List<ServiceSignal> signals = new ArrayList<>();
        List<ServiceHealth> health = new ArrayList<>();
        Fed fed = feed(source, options, entries, signals::add, health::add);
        return new Streamed(signals, health, fed.rawEvents(), (int) fed.deadLetters(), fed.last());
    }

    /**
     * What went into the streams stage: raw events, those refused by the pipeline (no natural key)
     * and those the source could not read; {@code last} is the last event time, null when none.
     */
    public record Fed(long rawEvents, long refused, long unreadable, Instant last) {
        public long deadLetters() {
            return refused + unreadable;
        }
    }

    /** What the streams stage made of a replay; {@code last} is null when it had no events. */
    public record Streamed(List<ServiceSignal> signals, List<ServiceHealth> health, long rawEvents, int deadLetters,
                           Instant last) {
    }

    List<Incident> correlate(List<CatalogEntry> entries, List<ServiceHealth> health,
                                     List<ServiceSignal> signals, Instant last) throws Exception {
        if (engine == Engine.FLINK_BATCH) {
            List<CorrelatedIncident> wire = CorrelationJob.runBatch(CorrelationJobConfig.defaults(), entries, health, signals);
            return wire.stream().map(IncidentViews::toCore).toList();
        }
        DependencyGraph graph = CatalogEntities.graph(entries);
        List<CorrelationInput> inputs = new ArrayList<>(health.size() + signals.size());
        health.forEach(h -> inputs.add(HealthMapping.toUpdate(h)));
        signals.forEach(s -> HealthMapping.toCorrelationInput(s).ifPresent(inputs::add));
        inputs.sort(Comparator.comparing(CorrelationInput::time));
        CorrelationEngine core = CorrelationEngine.create(graph, CorrelationJobConfig.defaults().engine());
        List<Incident> revisions = new ArrayList<>();
        if (!inputs.isEmpty()) {
            Instant until = (last == null ? inputs.get(inputs.size() - 1).time() : last).plus(DRAIN);
            // round-trip through the wire form so both engines are scored on what the incidents topic carries
            Replay.run(core, inputs.iterator(), until,
                    i -> revisions.add(IncidentViews.toCore(IncidentMapping.toAvro(i, graph))));
        }
        return revisions;
    }

    /** The score plus what went through each stage. */
    public record Result(ReplayScore score, CatalogView view, long rawEvents, int signals, int healthChanges,
                         int deadLetters, int droppedEdges, List<Incident> revisions) {
    }
}
