package io.faultline.core.testing;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.ComponentStatus;
import io.faultline.core.correlation.CorrelationConfig;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.HealthUpdate;
import io.faultline.core.correlation.Incident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Drives an engine like a batch replay: timed inputs are delivered in time order, and before each
 * minute tick every input stamped at or before it has been delivered.
 */
public final class Scenario {

    public static final Instant T0 = Instant.parse("2021-12-07T15:30:00Z");
    public static final Duration TICK = Duration.ofMinutes(1);

    private record Timed(Instant time, long sequence, Consumer<CorrelationEngine> action) {
    }

    private CorrelationEngine engine;
    private final List<Timed> queue = new ArrayList<>();
    private final List<Incident> revisions = new ArrayList<>();
    private Instant clock = T0;
    private long sequence;
    /** Inputs at or before this were delivered to the engine before it was snapshotted. */
    private Instant alreadyDelivered;

    public Scenario(DependencyGraph graph) {
        this(graph, CorrelationConfig.defaults());
    }

    public Scenario(DependencyGraph graph, CorrelationConfig config) {
        this.engine = CorrelationEngine.create(graph, config);
    }

    private Scenario(CorrelationEngine engine, Instant clock) {
        this.engine = engine;
        this.clock = clock;
        this.alreadyDelivered = clock;
    }

    /**
     * Continues with an engine (e.g. restored from a snapshot) whose last tick was {@code clock}:
     * inputs stamped at or before it are taken as already delivered.
     */
    public static Scenario resume(CorrelationEngine engine, Instant clock) {
        return new Scenario(engine, clock);
    }

    public Scenario down(Instant at, String... services) {
        return health(at, HealthLevel.DOWN, null, services);
    }

    public Scenario downIn(Instant at, String region, String... services) {
        return health(at, HealthLevel.DOWN, region, services);
    }

    public Scenario up(Instant at, String... services) {
        return health(at, HealthLevel.UP, null, services);
    }

    public Scenario health(Instant at, HealthLevel level, String region, String... services) {
        for (String service : services) {
            HealthUpdate update = new HealthUpdate(service, level, 1.0, at, region);
            schedule(at, engine -> engine.onHealth(update));
        }
        return this;
    }

    public Scenario status(Instant at, String component, boolean troubled) {
        ComponentStatus status = new ComponentStatus(component, troubled, at);
        return schedule(at, engine -> engine.onComponentStatus(status));
    }

    public Scenario schedule(Instant at, Consumer<CorrelationEngine> action) {
        queue.add(new Timed(at, sequence++, action));
        return this;
    }

    /** Ticks every minute after the current clock up to and including {@code end}. */
    public Scenario runUntil(Instant end) {
        queue.sort(Comparator.comparing(Timed::time).thenComparingLong(Timed::sequence));
        if (alreadyDelivered != null) {
            queue.removeIf(timed -> !timed.time().isAfter(alreadyDelivered));
        }
        for (Instant tick = clock.plus(TICK); !tick.isAfter(end); tick = tick.plus(TICK)) {
            while (!queue.isEmpty() && !queue.get(0).time().isAfter(tick)) {
                queue.remove(0).action().accept(engine);
            }
            revisions.addAll(engine.tick(tick));
            clock = tick;
        }
        return this;
    }

    public CorrelationEngine engine() {
        return engine;
    }

    public List<Incident> revisions() {
        return List.copyOf(revisions);
    }

    /** Latest revision of every incident seen, by id. */
    public Map<String, Incident> latest() {
        Map<String, Incident> latest = new LinkedHashMap<>();
        for (Incident revision : revisions) {
            latest.put(revision.id(), revision);
        }
        return latest;
    }

    public Instant clock() {
        return clock;
    }
}
