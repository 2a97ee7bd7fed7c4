package io.faultline.streams.offline;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.health.ServiceHealthMachine;
import io.faultline.core.resolve.CatalogIndex;
import io.faultline.core.resolve.ResolvableEntity;
import io.faultline.core.resolve.Resolver;
import io.faultline.core.signal.Signal;
import io.faultline.schemas.mapping.CatalogVocabularies;
import io.faultline.schemas.mapping.Signals;
import io.faultline.streams.HealthStage;
import io.faultline.streams.Normaliser;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.live.LiveHealthView;
import org.apache.avro.specific.SpecificRecord;

/**
 * The streams application's logic without Kafka, for batch replay and evaluation: raw records
 * in event-time order in, the same signals and health changes out as the topology produces
 * (one partition). Same normaliser, same dedupe rule, same health machines, and the health
 * stage's stream-time ticks fire exactly where Kafka Streams fires them (after the record that
 * moves stream time past the next multiple of the tick, with the stream time at that moment).
 *
 * <p>Not thread-safe; one caller feeds it. The catalog is fixed at construction.
 */
public final class OfflinePipeline implements LiveHealthView {

    private final PipelineSettings settings;
    private final Resolver resolver;
    private final Consumer<ServiceSignal> signalSink;
    private final Consumer<ServiceHealth> healthSink;
    private final HealthStage stage;
    private final TreeMap<String, ServiceHealthMachine> machines = new TreeMap<>();
    private final Map<String, ServiceHealth> latest = new TreeMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final Deque<Map.Entry<String, Long>> seenOrder = new ArrayDeque<>();
    private final long tick;
    private long rawStreamTime = Long.MIN_VALUE;
    private long healthStreamTime = Long.MIN_VALUE;
    private long nextTick = 0;
    private long duplicates;

    public OfflinePipeline(Collection<CatalogEntry> catalog, PipelineSettings settings, Consumer<ServiceSignal> signals,
                           Consumer<ServiceHealth> health) {
        List<ResolvableEntity> entities = new ArrayList<>(catalog.size());
        for (CatalogEntry e : catalog) {
            if (!e.getDeleted()) {
                entities.add(CatalogVocabularies.toResolvable(e));
            }
        }
        this.settings = settings;
        this.resolver = new Resolver(CatalogIndex.of(entities));
        this.signalSink = signals;
        this.healthSink = health;
        this.tick = settings.health().tick().toMillis();
        this.stage = new HealthStage(settings.health(), new MapMachines());
    }

    /**
     * One raw record (StatusPageObservation, SocialPost, ProbeResult or ProbeConnectionEvent) at
     * record time {@code eventTime}. A record without a natural key is refused with an
     * IllegalArgumentException (the topology dead-letters it).
     */
    public void accept(SpecificRecord raw, Instant eventTime) {
        String problem = Normaliser.problem(raw);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        long t = eventTime.toEpochMilli();
        rawStreamTime = Math.max(rawStreamTime, t);
        if (isDuplicate(Normaliser.dedupeKey(raw), t)) {
            duplicates++;
            return;
        }
        for (Signal s : Normaliser.signals(resolver, raw)) {
            ServiceSignal wire = Signals.toAvro(s);
            signalSink.accept(wire);
            stage.onSignal(wire).ifPresent(this::emit);
            healthStreamTime = Math.max(healthStreamTime, s.eventTime().toEpochMilli());
            maybeTick();
        }
    }

    /** Moves the health stage's stream time to {@code streamTime} (e.g. the end of a replay), firing due ticks. */
    public void advanceTo(Instant streamTime) {
        healthStreamTime = Math.max(healthStreamTime, streamTime.toEpochMilli());
        maybeTick();
    }

    /** Raw records dropped as duplicates so far. */
    public long duplicates() {
        return duplicates;
    }

    private void maybeTick() {
        if (healthStreamTime >= nextTick) {
            stage.advanceAll(Instant.ofEpochMilli(healthStreamTime), this::emit);
            nextTick = Math.floorDiv(healthStreamTime, tick) * tick + tick;
        }
    }

    private boolean isDuplicate(String key, long t) {
        long retention = settings.dedupeRetention().toMillis();
        while (!seenOrder.isEmpty() && seenOrder.peekFirst().getValue() < rawStreamTime - retention) {
            Map.Entry<String, Long> old = seenOrder.pollFirst();
            seen.remove(old.getKey(), old.getValue());
        }
        Long previous = seen.get(key);
        if (previous != null && Math.abs(previous - t) <= retention) {
            return true;
        }
        seen.put(key, t);
        seenOrder.addLast(Map.entry(key, t));
        return false;
    }

    private void emit(ServiceHealth h) {
        latest.put(h.getServiceId(), h);
        healthSink.accept(h);
    }

    @Override
    public Optional<ServiceHealth> health(String entityId) {
        return Optional.ofNullable(latest.get(entityId));
    }

    @Override
    public List<ServiceHealth> impaired() {
        return latest.values().stream().filter(h -> h.getState() != HealthState.UP).toList();
    }

    private final class MapMachines implements HealthStage.Machines {
        @Override
        public ServiceHealthMachine get(String entityId) {
            return machines.get(entityId);
        }

        @Override
        public void put(ServiceHealthMachine machine) {
            machines.put(machine.entityId(), machine);
        }

        @Override
        public List<String> ids() {
            return new ArrayList<>(machines.keySet());
        }
    }
}
