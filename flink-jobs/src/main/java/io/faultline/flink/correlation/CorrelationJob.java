package io.faultline.flink.correlation;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.flink.kafka.DecodeOrDeadLetter;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The correlation job: service health and status-page signals in, correlated incident revisions
 * out, with the catalog as broadcast state. Built from its inputs and outputs; wiring them to
 * Kafka is {@link CorrelationKafkaJob}'s job.
 *
 * <p><b>Why one key.</b> The correlation is global: a component's dependents span every service,
 * attribution compares candidates across providers (a CDN under a cloud, two regions of one
 * provider) and incidents merge across them. Keying by a coarse partition (provider, say) would
 * split exactly the sets the engine must see together and make the answer depend on the
 * partitioning. So the stream is keyed by a constant and the correlating operator runs at
 * parallelism 1; the engine is built for that (about a million updates per second per core with
 * 100,000 services, see the benchmarks), and decoding and mapping upstream run in parallel.
 *
 * <p><b>Streaming and batch agree.</b> Both modes run the same ticks on the same grid and feed each
 * tick the same inputs (see {@link CorrelateFunction}), so on the same data the same revisions come
 * out, provided no input arrives later than {@link CorrelationJobConfig#maxOutOfOrderness()} in
 * streaming and the catalog is complete before the first tick (a bounded catalog input, or the
 * snapshot-then-live catalog reader of {@link CorrelationKafkaJob}, holds the watermark back until
 * it is).
 */
public final class CorrelationJob {

    public static final String NAME = "faultline-correlation";
    /** The only key: the correlation is global (see the class comment). */
    static final int GLOBAL = 0;

    private final CorrelationJobConfig config;
    /** What tells a quiet input from an upstream still at work, or null: no quiet-input flush. */
    private final UpstreamGate upstream;

    public CorrelationJob(CorrelationJobConfig config) {
        this(config, null);
    }

    /** With {@code upstream}, a quiet input is taken as caught up once it also says so ({@link CorrelationJobConfig#quietInput()}). */
    public CorrelationJob(CorrelationJobConfig config, UpstreamGate upstream) {
        this.config = config;
        this.upstream = upstream;
    }

    /**
     * Adds the job to {@code env}, reading the given decoded inputs (timestamps are assigned here);
     * the catalog stream's watermark must stay back until the catalog is loaded (a bounded stream does).
     * Runs in the environment's runtime mode, which must be STREAMING or BATCH.
     */
    public CorrelationStreams build(StreamExecutionEnvironment env, DataStream<ServiceHealth> health,
                                    DataStream<ServiceSignal> signals, DataStream<CatalogEntry> catalog) {
        return build(env, health, signals, catalog, false);
    }

    /**
     * As {@link #build(StreamExecutionEnvironment, DataStream, DataStream, DataStream)}; with
     * {@code inputsCarryWatermarks} the health and signal streams already carry per-partition watermarks from
     * their sources (see {@link CorrelationKafkaJob}), so
     * no assigner is added after the union (one would let the fastest partition or topic set the pace).
     */
    public CorrelationStreams build(StreamExecutionEnvironment env, DataStream<ServiceHealth> health,
                                    DataStream<ServiceSignal> signals, DataStream<CatalogEntry> catalog,
                                    boolean inputsCarryWatermarks) {
        boolean batch = isBatch(env);
        // progress events only serve the quiet-input flush, and only where the sources carry the watermarks: an
        // assigner after the union would take their timestamps (the dropped signals' times) as event-time progress
        boolean progressEvents = !batch && upstream != null && inputsCarryWatermarks;
        SingleOutputStreamOperator<CorrelationEvent> healthEvents = health
                .process(ToCorrelationEvents.health(), Types.POJO(CorrelationEvent.class))
                .name("service-health-to-engine-input").uid("service-health-to-engine-input");
        SingleOutputStreamOperator<CorrelationEvent> statusEvents = signals
                .process(ToCorrelationEvents.statusPages(progressEvents), Types.POJO(CorrelationEvent.class))
                .name("status-page-signals-to-engine-input").uid("status-page-signals-to-engine-input");
        DataStream<DeadLetter> rejected = healthEvents.getSideOutput(DecodeOrDeadLetter.DEAD_LETTERS)
                .union(statusEvents.getSideOutput(DecodeOrDeadLetter.DEAD_LETTERS));

        DataStream<CorrelationEvent> events = inputsCarryWatermarks ? healthEvents.union(statusEvents)
                : healthEvents.union(statusEvents).assignTimestampsAndWatermarks(WatermarkStrategy
                        .<CorrelationEvent>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                        .withTimestampAssigner((event, previous) -> event.timeMillis)
                        .withIdleness(config.idleInput()))
                .name("engine-input-event-time").uid("engine-input-event-time");
        BroadcastStream<CatalogEntry> catalogBroadcast = catalog
                .transform("catalog-loaded-gate", new AvroTypeInfo<>(CatalogEntry.class), new CatalogGate<CatalogEntry>())
                .name("catalog-loaded-gate").uid("catalog-loaded-gate")
                .broadcast(CorrelateFunction.CATALOG);

        SingleOutputStreamOperator<CorrelatedIncident> incidents = events
                .keyBy(event -> GLOBAL, Types.INT)
                .connect(catalogBroadcast)
                .process(new CorrelateFunction(config, batch, progressEvents ? upstream : null), new AvroTypeInfo<>(CorrelatedIncident.class))
                .setParallelism(1)
                .name("correlate-and-attribute").uid("correlate-and-attribute");
        return new CorrelationStreams(incidents, rejected);
    }

    /** {@link #build(StreamExecutionEnvironment, DataStream, DataStream, DataStream)} into the given sinks. */
    public void build(StreamExecutionEnvironment env, DataStream<ServiceHealth> health, DataStream<ServiceSignal> signals,
                      DataStream<CatalogEntry> catalog, Sink<CorrelatedIncident> incidentSink,
                      Sink<DeadLetter> deadLetterSink) {
        CorrelationStreams out = build(env, health, signals, catalog);
        // parallelism 1 keeps the revisions of an incident in order on the compacted topic
        out.incidents().sinkTo(incidentSink).setParallelism(1).name("incident-sink").uid("incident-sink");
        out.deadLetters().sinkTo(deadLetterSink).name("correlation-dead-letter-sink").uid("correlation-dead-letter-sink");
    }

    /**
     * Runs the job in BATCH mode on a local Flink environment over finite inputs and returns every
     * incident revision, ordered by event time, then incident id, then revision. Rejected inputs
     * are counted in the returned list's absence only: use {@link #build} to see them.
     */
    public static List<CorrelatedIncident> runBatch(CorrelationJobConfig config, List<CatalogEntry> catalog,
                                                    List<ServiceHealth> health, List<ServiceSignal> signals)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        // a local mini cluster in a plain JVM (or the surrounding test cluster / client context)
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        CorrelationStreams out = new CorrelationJob(config).build(env,
                finite(env, health, new AvroTypeInfo<>(ServiceHealth.class), "service-health"),
                finite(env, signals, new AvroTypeInfo<>(ServiceSignal.class), "signals"),
                finite(env, catalog, new AvroTypeInfo<>(CatalogEntry.class), "catalog"));
        List<CorrelatedIncident> revisions = new ArrayList<>();
        try (CloseableIterator<CorrelatedIncident> it = out.incidents().executeAndCollect(NAME + "-batch")) {
            it.forEachRemaining(revisions::add);
        }
        revisions.sort(REVISION_ORDER);
        return revisions;
    }

    /**
     * A finite input; an empty list gives an empty stream (Flink's collection source fails on an empty
     * collection, and a replay with no health change, only probe connection events say, is valid input).
     */
    static <T> DataStream<T> finite(StreamExecutionEnvironment env, List<T> items, TypeInformation<T> type, String name) {
        if (!items.isEmpty()) {
            return env.fromData(items, type).name(name);
        }
        return env.fromSequence(0, 0).filter(i -> false).map(i -> (T) null, type).name(name + " (empty)");
    }

    /** Event time, then incident id, then revision: the order ticks emit them in. */
    public static final Comparator<CorrelatedIncident> REVISION_ORDER = Comparator
            .comparing(CorrelatedIncident::getEventTime)
            .thenComparing(CorrelatedIncident::getIncidentId)
            .thenComparingLong(CorrelatedIncident::getRevision);

    static boolean isBatch(StreamExecutionEnvironment env) {
        RuntimeExecutionMode mode = env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE);
        if (mode == RuntimeExecutionMode.AUTOMATIC) {
            throw new IllegalArgumentException("execution.runtime-mode: the correlation job needs STREAMING or BATCH "
                    + "(ticks are driven differently), not AUTOMATIC");
        }
        return mode == RuntimeExecutionMode.BATCH;
    }
}
