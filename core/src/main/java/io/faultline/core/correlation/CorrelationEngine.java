package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.network.NetworkConfig;
import io.faultline.core.network.NetworkOutages;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The correlation core: per-service health changes in, incident revisions out.
 *
 * <p>Host contract (a Flink operator at parallelism 1, or a batch replay):
 * <ol>
 *   <li>feed {@link #onHealth} and {@link #onComponentStatus} in any order;</li>
 *   <li>call {@link #tick(Instant)} on an event-time timer, every {@link CorrelationConfig#tickInterval()}
 *       on the grid of multiples of it since the epoch ({@link Replay#alignedTickAtOrAfter}), once
 *       the watermark has passed that time; emit every revision it returns, once. Incident ids
 *       derive from the opening tick, so hosts on the same grid name incidents identically;</li>
 *   <li>checkpoint with {@link #snapshot()}, resume with {@link #restore}; swap the catalog with
 *       {@link #withGraph}.</li>
 * </ol>
 * Updates received between two ticks are folded per entity into an order-independent summary and
 * applied at the tick, so the result does not depend on their arrival order. Updates stamped after
 * the tick time but delivered before it are applied at that tick (a host that wants streaming and
 * batch to agree exactly releases updates in watermark order, as the Flink job does). Updates
 * older than the last tick minus allowedLateness are dropped and counted.
 *
 * <p>Cost: an update is a few array writes (no allocation, no graph walk). A tick costs
 * O(changed services x their ancestors + due timers + impaired services x ancestors + tested
 * components). Not thread-safe: one engine per operator instance.
 */
public final class CorrelationEngine {

    private static final long NEVER = Long.MIN_VALUE;

    final DependencyGraph graph;
    final CorrelationConfig config;
    final ComponentCounts counts;
    final BaseRates rates;
    final PendingHealth pending;
    final ServiceStates states;
    final StatusBoard status;
    final Evaluation evaluation;
    final IncidentBook incidents;
    private final CauseFinder finder;
    private final Learner learner;
    private final long allowedLateness;
    /** Network outages from probe connection events; networks need no catalog entries (see its package). */
    NetworkOutages network = new NetworkOutages(NetworkConfig.defaults());
    long firstTick = NEVER;
    long lastTick = NEVER;
    long droppedLate;
    long unknownEntities;

    CorrelationEngine(DependencyGraph graph, CorrelationConfig config) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.config = Objects.requireNonNull(config, "config");
        int n = graph.size();
        counts = new ComponentCounts(graph);
        rates = new BaseRates(n, config);
        pending = new PendingHealth(n);
        states = new ServiceStates(graph, config, counts, rates, pending);
        status = new StatusBoard(n, config);
        evaluation = new Evaluation(n, counts, rates, config);
        finder = new CauseFinder(graph, config, counts, states, status, evaluation);
        incidents = new IncidentBook(graph, config, states, status, evaluation, counts);
        learner = new Learner(graph, config, counts, states, rates, evaluation);
        allowedLateness = config.allowedLateness().toMillis();
    }

    public static CorrelationEngine create(DependencyGraph graph, CorrelationConfig config) {
        return new CorrelationEngine(graph, config);
    }

    /** Resumes from a snapshot, mapping state by entity id onto {@code graph} (which may differ). */
    public static CorrelationEngine restore(EngineSnapshot snapshot, DependencyGraph graph) {
        CorrelationEngine engine = new CorrelationEngine(graph, snapshot.config());
        SnapshotCodec.read(snapshot, engine);
        return engine;
    }

    public EngineSnapshot snapshot() {
        return SnapshotCodec.write(this);
    }

    /** This engine's state on a new catalog: dependents are recounted under their new ancestors. */
    public CorrelationEngine withGraph(DependencyGraph newGraph) {
        return restore(snapshot(), newGraph);
    }

    /** Records a health change; unknown service ids are counted in {@link EngineStats#unknownEntityUpdates()}. */
    public void onHealth(HealthUpdate update) {
        onHealth(graph.indexOf(update.serviceId()), update.state(), update.confidence(), update.time().toEpochMilli(),
                graph.regionIndex(update.region()));
    }

    /**
     * Allocation-free form of {@link #onHealth(HealthUpdate)} for hosts that intern ids themselves.
     *
     * @param entity from {@link DependencyGraph#indexOf(String)}
     * @param region from {@link DependencyGraph#regionIndex(String)}
     */
    public void onHealth(int entity, HealthLevel state, double confidence, long epochMillis, int region) {
        if (entity < 0 || entity >= graph.size()) {
            unknownEntities++;
            return;
        }
        if (lastTick != NEVER && epochMillis < lastTick - allowedLateness) {
            droppedLate++;
            return;
        }
        pending.record(entity, state, confidence, epochMillis, region, states.isImpairment(state, confidence));
    }

    /** Records a probe connecting or disconnecting; dropped like other inputs when older than allowedLateness. */
    public void onConnection(ConnectionUpdate update) {
        if (lastTick != NEVER && update.time().toEpochMilli() < lastTick - allowedLateness) {
            droppedLate++;
        } else {
            network.onConnection(update);
        }
    }

    /** Feeds any engine input to the method that takes it. */
    public void accept(CorrelationInput input) {
        if (input instanceof HealthUpdate update) {
            onHealth(update);
        } else if (input instanceof ComponentStatus status) {
            onComponentStatus(status);
        } else if (input instanceof ConnectionUpdate connection) {
            onConnection(connection);
        }
    }

    public void onComponentStatus(ComponentStatus componentStatus) {
        int component = graph.indexOf(componentStatus.componentId());
        long time = componentStatus.time().toEpochMilli();
        if (component < 0) {
            unknownEntities++;
        } else if (lastTick != NEVER && time < lastTick - allowedLateness) {
            droppedLate++;
        } else {
            status.record(component, componentStatus.troubled(), time);
        }
    }

    /**
     * Evaluates the window ending at {@code now} and returns the incident revisions that changed,
     * ordered by incident id. A tick at or before the previous one returns nothing (idempotent
     * for hosts that replay a timer after recovery).
     */
    public List<Incident> tick(Instant now) {
        long time = now.toEpochMilli();
        if (lastTick != NEVER && time <= lastTick) {
            return List.of();
        }
        long elapsed = lastTick == NEVER ? config.tickMillis() : time - lastTick;
        states.applyPending(time);
        status.applyPending();
        states.onTimers(time);
        status.onTimers(time);
        evaluation.run(time);
        List<CauseGroup> groups = finder.find(time);
        List<Incident> revisions = incidents.update(time, groups);
        List<Incident> networkRevisions = network.tick(time);
        if (!networkRevisions.isEmpty()) {
            revisions = new ArrayList<>(revisions);
            revisions.addAll(networkRevisions);
            revisions.sort(java.util.Comparator.comparing(Incident::id));
        }
        if (firstTick == NEVER) {
            firstTick = time;
        }
        // until one full window has been seen, "impaired within the window" undercounts: learning
        // from those partial windows would set base rates too low and cry wolf once the window fills
        if (time - firstTick >= config.windowMillis()) {
            learner.learn(time, elapsed);
        }
        lastTick = time;
        return revisions;
    }

    public EngineStats stats() {
        return new EngineStats(states.trackedCount(), states.counted().size(), pending.size() + status.pendingCount(),
                states.timerCount() + status.timers.size(), counts.activeCount(), status.troubledCount,
                status.trackedCount, incidents.open.size(), droppedLate, unknownEntities, states.staleDropped());
    }

    /** Live counts of one component, or empty for an id the catalog does not know. */
    public Optional<ComponentView> component(String componentId) {
        int c = graph.indexOf(componentId);
        if (c < 0) {
            return Optional.empty();
        }
        int n = counts.dependents(c);
        long asOf = lastTick == NEVER ? 0 : lastTick;
        return Optional.of(new ComponentView(componentId, counts.impaired(c), counts.weightedCount(c), n,
                rates.componentRate(c, n, asOf), status.troubled[c], states.isImpaired(c)));
    }

    /** Current surprise weight of a service in 0..1 (1 for a service no flakier than the prior). */
    public double serviceWeight(String serviceId) {
        int s = graph.indexOf(serviceId);
        if (s < 0) {
            throw new IllegalArgumentException("unknown service '" + serviceId + "'");
        }
        return (double) rates.serviceWeight(s, lastTick == NEVER ? 0 : lastTick) / ComponentCounts.WEIGHT_ONE;
    }

    public DependencyGraph graph() {
        return graph;
    }

    public CorrelationConfig config() {
        return config;
    }
}
