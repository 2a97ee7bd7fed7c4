package io.faultline.flink.correlation;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.ComponentStatus;
import io.faultline.core.correlation.ConnectionUpdate;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.HealthUpdate;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.Replay;
import io.faultline.schemas.mapping.CatalogEntities;
import io.faultline.schemas.mapping.IncidentMapping;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hosts one {@link CorrelationEngine} (the correlation is global, so the stream is keyed by a
 * constant: see {@link CorrelationJob}) and ticks it on the aligned event-time grid, exactly as
 * {@link Replay#run} does: before the tick at T, every input stamped at or before T (and not yet
 * applied) is fed; inputs stamped later wait in {@link #buffer}, bucketed by the tick that will
 * apply them.
 *
 * <ul>
 *   <li>STREAMING: ticks run from event-time timers, so a tick happens once the watermark (the
 *       minimum over the data and catalog inputs) has passed it; one timer is kept for the next
 *       tick. An input behind the watermark is applied at the next tick, and the engine drops it
 *       if it is older than its allowedLateness.</li>
 *   <li>BATCH: input arrives sorted by timestamp and timers fire only at the end, so ticks are
 *       driven by the data (every tick before an input's time runs before it is buffered) and the
 *       one timer runs the remaining ticks at the end.</li>
 * </ul>
 * At end of input (watermark at its maximum) ticks continue to the newest input's tick plus
 * {@link CorrelationJobConfig#drainAfterInput()}. In STREAMING, once no input at all has arrived for
 * {@link CorrelationJobConfig#quietInput()} (a processing-time timer; the signals source's
 * {@link CorrelationEvent.Kind#PROGRESS} events count as input) and the {@link UpstreamGate} says the stages
 * writing the inputs are caught up, the ticks up to the newest input's tick run without waiting for the
 * watermark: the last revision of a burst (an incident's RESOLVED) is not held back by the out-of-orderness
 * bound and the sources' idleness.
 *
 * <p>State (all bounded): the engine snapshot (the engine itself expires incidents after maxOpen
 * and clears idle services), the tick clock, and the buffer, whose buckets are removed as they are
 * applied. The catalog is broadcast state; a change marks the graph stale and the engine moves to
 * the new graph ({@link CorrelationEngine#withGraph}) before its next tick.
 */
public final class CorrelateFunction
        extends KeyedBroadcastProcessFunction<Integer, CorrelationEvent, CatalogEntry, CorrelatedIncident> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CorrelateFunction.class);

    /** The catalog, by entity id (the compacted topic's latest version of each entry). */
    public static final MapStateDescriptor<String, CatalogEntry> CATALOG =
            new MapStateDescriptor<>("catalog", Types.STRING, new AvroTypeInfo<>(CatalogEntry.class));

    static final ValueStateDescriptor<byte[]> ENGINE =
            new ValueStateDescriptor<>("engine-snapshot", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    static final ValueStateDescriptor<Long> NEXT_TICK = new ValueStateDescriptor<>("next-tick", Types.LONG);
    static final ValueStateDescriptor<Long> START_TIMER = new ValueStateDescriptor<>("start-timer", Types.LONG);
    static final ValueStateDescriptor<Long> NEWEST_INPUT = new ValueStateDescriptor<>("newest-input", Types.LONG);
    static final MapStateDescriptor<Long, List<CorrelationEvent>> BUFFER = new MapStateDescriptor<>("buffer",
            Types.LONG, Types.LIST(Types.POJO(CorrelationEvent.class)));

    private final CorrelationJobConfig config;
    private final boolean batch;
    private final long step;
    /** How often a quiet input asks again whether the stages before have caught up. */
    static final long RECHECK_MILLIS = 500;
    private final long quietMillis;
    private final UpstreamGate upstream;

    private transient ValueState<byte[]> engineState;
    private transient ValueState<Long> nextTick;
    private transient ValueState<Long> newestInput;
    private transient ValueState<Long> startTimer;
    private transient MapState<Long, List<CorrelationEvent>> buffer;
    private transient CorrelationEngine engine;
    private transient DependencyGraph graph;
    private transient Counter lateInputs;
    private transient Counter statusOfServices;
    private transient Counter revisions;
    private transient Counter quietFlushes;
    /** Wall time of the last input, whether one arrived since start or restore, and whether a quiet timer is set. */
    private transient long lastInputAt;
    private transient boolean inputSinceOpen;
    private transient boolean quietTimerSet;

    public CorrelateFunction(CorrelationJobConfig config, boolean batch) {
        this(config, batch, null);
    }

    /** {@code upstream}: asked before a quiet input is taken as caught up; null turns the quiet-input flush off. */
    public CorrelateFunction(CorrelationJobConfig config, boolean batch, UpstreamGate upstream) {
        this.config = config;
        this.batch = batch;
        this.step = config.engine().tickMillis();
        this.quietMillis = batch || upstream == null ? 0 : config.quietInput().toMillis();
        this.upstream = upstream;
    }

    @Override
    public void close() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
        super.close();
    }

    @Override
    public void open(OpenContext openContext) {
        engineState = getRuntimeContext().getState(ENGINE);
        nextTick = getRuntimeContext().getState(NEXT_TICK);
        newestInput = getRuntimeContext().getState(NEWEST_INPUT);
        startTimer = getRuntimeContext().getState(START_TIMER);
        buffer = getRuntimeContext().getMapState(BUFFER);
        lateInputs = getRuntimeContext().getMetricGroup().counter("lateInputs");
        statusOfServices = getRuntimeContext().getMetricGroup().counter("statusPagesOfServicesIgnored");
        revisions = getRuntimeContext().getMetricGroup().counter("incidentRevisions");
        quietFlushes = getRuntimeContext().getMetricGroup().counter("quietInputFlushes");
    }

    @Override
    public void processBroadcastElement(CatalogEntry entry, Context ctx, Collector<CorrelatedIncident> out)
            throws Exception {
        var catalog = ctx.getBroadcastState(CATALOG);
        CatalogEntry known = catalog.get(entry.getEntityId());
        // two catalog readers (snapshot + live) may deliver versions out of order: the newer load wins
        if (known == null || !entry.getEventTime().isBefore(known.getEventTime())) {
            catalog.put(entry.getEntityId(), entry);
            graph = null;
        }
    }

    @Override
    public void processElement(CorrelationEvent event, ReadOnlyContext ctx, Collector<CorrelatedIncident> out)
            throws Exception {
        if (event.kind == CorrelationEvent.Kind.PROGRESS) {
            heardFrom(ctx);
            return;
        }
        if (batch) {
            // sorted input, timers only at the end: run every tick strictly before this input, as Replay does
            advance(event.timeMillis - 1, ctx, out);
        }
        Long next = nextTick.value();
        long bucket = aligned(event.timeMillis);
        if (next != null && bucket < next) {
            lateInputs.inc();
            bucket = next;
        }
        List<CorrelationEvent> inBucket = buffer.get(bucket);
        if (inBucket == null) {
            inBucket = new ArrayList<>();
        }
        inBucket.add(event);
        buffer.put(bucket, inBucket);
        Long newest = newestInput.value();
        if (newest == null || event.timeMillis > newest) {
            newestInput.update(event.timeMillis);
        }
        if (next == null) {
            // not started: the first tick is the earliest bucket, once the watermark passes it (one timer)
            Long start = startTimer.value();
            if (start == null || bucket < start) {
                if (start != null) {
                    ctx.timerService().deleteEventTimeTimer(start);
                }
                ctx.timerService().registerEventTimeTimer(bucket);
                startTimer.update(bucket);
            }
        }
        heardFrom(ctx);
    }

    /** An input or a progress event arrived: the quiet period starts again. */
    private void heardFrom(ReadOnlyContext ctx) {
        if (quietMillis > 0) {
            lastInputAt = ctx.timerService().currentProcessingTime();
            inputSinceOpen = true;
            if (!quietTimerSet) {
                ctx.timerService().registerProcessingTimeTimer(lastInputAt + quietMillis);
                quietTimerSet = true;
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CorrelatedIncident> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            onQuietTimer(ctx, out);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        boolean endOfInput = batch || watermark == Long.MAX_VALUE;
        Long newest = newestInput.value();
        if (endOfInput && newest == null) {
            return;
        }
        long target = endOfInput ? aligned(newest) + aligned(config.drainAfterInput().toMillis()) : watermark;
        advance(target, ctx, out);
        Long next = nextTick.value();
        if (!endOfInput && next != null) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    /**
     * The quiet-input timer: re-armed while inputs keep arriving; after {@code quietInput} of silence, runs the ticks up
     * to the newest input's tick. A timer restored from a checkpoint counts the quiet period from the restore: the
     * inputs after the checkpoint are still to be read.
     */
    private void onQuietTimer(OnTimerContext ctx, Collector<CorrelatedIncident> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        quietTimerSet = false;
        if (!inputSinceOpen) {
            // restored: the quiet period starts now
            inputSinceOpen = true;
            lastInputAt = now;
        }
        if (now - lastInputAt < quietMillis) {
            ctx.timerService().registerProcessingTimeTimer(lastInputAt + quietMillis);
            quietTimerSet = true;
            return;
        }
        if (!upstream.caughtUp()) {
            // quiet because the stages before (or this job's next checkpoint) are still to come: ask again shortly
            ctx.timerService().registerProcessingTimeTimer(now + Math.min(quietMillis, RECHECK_MILLIS));
            quietTimerSet = true;
            return;
        }
        Long newest = newestInput.value();
        Long next = nextTick.value();
        if (newest == null || (next != null && next > aligned(newest))) {
            return;
        }
        quietFlushes.inc();
        LOG.info("inputs quiet for {} ms and the stages before caught up: ticks from {} up to {} (newest input {})",
                now - lastInputAt, next == null ? "the start" : Instant.ofEpochMilli(next),
                Instant.ofEpochMilli(aligned(newest)), Instant.ofEpochMilli(newest));
        advance(aligned(newest), ctx, out);
        next = nextTick.value();
        if (next != null) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    /** Runs every due tick at or before {@code through}, applying each tick's bucket first. */
    private void advance(long through, ReadOnlyContext ctx, Collector<CorrelatedIncident> out) throws Exception {
        Long next = nextTick.value();
        if (next == null) {
            next = earliestBucket();
            if (next == null) {
                return;
            }
        }
        if (next > through) {
            return;
        }
        CorrelationEngine engine = engine(ctx);
        for (long tick = next; tick <= through; tick += step) {
            List<CorrelationEvent> due = buffer.get(tick);
            if (due != null) {
                due.forEach(this::feed);
                buffer.remove(tick);
            }
            for (Incident incident : engine.tick(Instant.ofEpochMilli(tick))) {
                out.collect(IncidentMapping.toAvro(incident, engine.graph()));
                revisions.inc();
            }
            next = tick + step;
        }
        nextTick.update(next);
        startTimer.clear();
        if (!batch) {
            engineState.update(EngineSnapshots.toBytes(engine.snapshot()));
        }
    }

    private void feed(CorrelationEvent event) {
        CorrelationInput input = event.toInput();
        if (input instanceof HealthUpdate update) {
            engine.onHealth(update);
        } else if (input instanceof ComponentStatus status) {
            int entity = engine.graph().indexOf(status.componentId());
            if (entity >= 0 && engine.graph().isService(entity)) {
                statusOfServices.inc(); // a service's own page is folded into its health upstream
            } else {
                engine.onComponentStatus(status);
            }
        } else if (input instanceof ConnectionUpdate connection) {
            engine.onConnection(connection);
        }
    }

    /** The engine on the current catalog: restored after a failure, moved to a new graph after a change. */
    private CorrelationEngine engine(ReadOnlyContext ctx) throws Exception {
        if (graph == null) {
            graph = graph(ctx.getBroadcastState(CATALOG));
            if (engine != null) {
                engine = engine.withGraph(graph);
            }
        }
        if (engine == null) {
            byte[] saved = batch ? null : engineState.value();
            engine = saved == null
                    ? CorrelationEngine.create(graph, config.engine())
                    : CorrelationEngine.restore(EngineSnapshots.fromBytes(saved), graph);
        }
        return engine;
    }

    private static DependencyGraph graph(ReadOnlyBroadcastState<String, CatalogEntry> catalog) throws Exception {
        List<CatalogEntry> entries = new ArrayList<>();
        for (Map.Entry<String, CatalogEntry> e : catalog.immutableEntries()) {
            entries.add(e.getValue());
        }
        return CatalogEntities.graph(entries);
    }

    private Long earliestBucket() throws Exception {
        Long earliest = null;
        for (Long bucket : buffer.keys()) {
            earliest = earliest == null ? bucket : Math.min(earliest, bucket);
        }
        return earliest;
    }

    private long aligned(long millis) {
        return Replay.alignedTickAtOrAfter(Instant.ofEpochMilli(millis), Duration.ofMillis(step)).toEpochMilli();
    }
}
