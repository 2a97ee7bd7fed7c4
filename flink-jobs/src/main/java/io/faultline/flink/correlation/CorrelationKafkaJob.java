package io.faultline.flink.correlation;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.flink.clickhouse.ClickHouseSinkConfig;
import io.faultline.flink.clickhouse.CorrelationHistorySinks;
import io.faultline.flink.kafka.DecodeOrDeadLetter;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.flink.kafka.StreamsCaughtUp;
import io.faultline.flink.kafka.RawKafkaRecord;
import io.faultline.schemas.Topics;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Instant;
import java.util.Objects;

/**
 * Wires {@link CorrelationJob} to Kafka: service-health and signals in (decoded through the
 * registry, undecodable records to the dead-letter topic), incidents out through the exactly-once
 * sink (key = incident id), and, {@link #withClickHouse with ClickHouse}, the history to ClickHouse
 * ({@link CorrelationHistorySinks}).
 *
 * <p>The catalog is read twice: a bounded snapshot (earliest to the end offsets at start-up) whose
 * end releases the watermark, so that no tick runs on a half-loaded catalog, and, in a live run,
 * an unbounded reader from the start-up time on for live changes, which never holds the watermark
 * back. An entry seen by both is applied once more, harmlessly: the newer load wins.
 */
public final class CorrelationKafkaJob {

    /** Which part of the input topics to read, by Kafka record timestamp. */
    public record Range(Instant from, Instant to) {

        /** Everything from the beginning, then live. */
        public static Range live() {
            return new Range(null, null);
        }

        public boolean bounded() {
            return to != null;
        }

        OffsetsInitializer start() {
            return from == null ? OffsetsInitializer.earliest() : OffsetsInitializer.timestamp(from.toEpochMilli());
        }

        OffsetsInitializer stop() {
            return to == null ? null : OffsetsInitializer.timestamp(to.toEpochMilli());
        }
    }

    /** The decoded inputs, before the job: tests wrap them (to inject a failure, say). */
    public record Inputs(DataStream<ServiceHealth> health, DataStream<ServiceSignal> signals,
                         DataStream<CatalogEntry> catalog, DataStream<DeadLetter> deadLetters) {
    }

    private final KafkaIO kafka;
    private final Topics topics;
    private final CorrelationJobConfig config;
    /** Where the history goes, or null: no ClickHouse sinks. */
    private final ClickHouseSinkConfig clickHouse;
    /** The Kafka Streams application writing the inputs, or null: no quiet-input flush. */
    private final String streamsApplicationId;

    public CorrelationKafkaJob(KafkaIO kafka, Topics topics, CorrelationJobConfig config) {
        this(kafka, topics, config, null, null);
    }

    private CorrelationKafkaJob(KafkaIO kafka, Topics topics, CorrelationJobConfig config, ClickHouseSinkConfig clickHouse,
                                String streamsApplicationId) {
        this.kafka = kafka;
        this.topics = topics;
        this.config = config;
        this.clickHouse = clickHouse;
        this.streamsApplicationId = streamsApplicationId;
    }

    /** The same job also writing incidents, their members and timelines, and the health changes and signals it reads to ClickHouse. */
    public CorrelationKafkaJob withClickHouse(ClickHouseSinkConfig sinkConfig) {
        return new CorrelationKafkaJob(kafka, topics, config, Objects.requireNonNull(sinkConfig, "sinkConfig"),
                streamsApplicationId);
    }

    /**
     * The same job, told which Kafka Streams application writes its inputs: once its inputs are quiet and that
     * application has committed the end of its own ({@link StreamsCaughtUp}), the job runs its ticks up to the newest
     * input ({@link CorrelationJobConfig#quietInput()}).
     */
    public CorrelationKafkaJob withStreamsApplication(String applicationId) {
        return new CorrelationKafkaJob(kafka, topics, config, clickHouse, Objects.requireNonNull(applicationId, "applicationId"));
    }

    /**
     * The gate over the Streams application's input topics (raw and signals), or null. The job's own input groups are
     * not asked: they commit at checkpoints, and waiting for one put the last revision 10.6 s after the last input in
     * the e2e bench (4.8 s without); the risk left is a stall of the job's sources longer than the quiet period while
     * the last records are in flight, which makes them late by a tick, as an idle source would.
     */
    UpstreamGate upstream() {
        if (streamsApplicationId == null) {
            return null;
        }
        java.util.List<String> streamsInputs = new java.util.ArrayList<>();
        topics.raw().forEach(t -> streamsInputs.add(t.name()));
        streamsInputs.add(topics.signals.name());
        java.util.Map<String, java.util.List<String>> groups = new java.util.LinkedHashMap<>();
        groups.put(streamsApplicationId, streamsInputs);
        return new StreamsCaughtUp(kafka.bootstrapServers(), groups, java.util.Set.of(topics.signals.name()));
    }

    /** Adds the whole job to {@code env} (whose runtime mode must be BATCH for a bounded range). */
    public void build(StreamExecutionEnvironment env, Range range) {
        Inputs in = inputs(env, range);
        CorrelationStreams out = new CorrelationJob(config, range.bounded() ? null : upstream())
                .build(env, in.health(), in.signals(), in.catalog(), true);
        sinks(out, in.deadLetters());
        if (clickHouse != null) {
            CorrelationHistorySinks.attach(out.incidents(), in.health(), in.signals(), clickHouse);
        }
    }

    private static String inputGroup(String input) {
        return CorrelationJob.NAME + "-" + input;
    }

    /** The consumer groups of the job's Kafka inputs that commit offsets (at checkpoints): what lag is measured on. */
    public static java.util.List<String> inputGroups() {
        return java.util.List.of(inputGroup("service-health"), inputGroup("signals"));
    }

    public Inputs inputs(StreamExecutionEnvironment env, Range range) {
        // event time follows the health changes and the signals, per partition (a lagging partition holds it
        // back, an idle one does not: IdleAwareWatermarks); the Kafka record timestamp is the event time the
        // streams app wrote. The signals hold it back too, so a status-page signal is applied at its own tick
        // even when it is read after the health changes of its minute, as a batch run applies it.
        WatermarkStrategy<RawKafkaRecord> eventTime = IdleAwareWatermarks.<RawKafkaRecord>strategy(
                        config.maxOutOfOrderness(), config.idleInput(), CorrelationJobConfig.STARTUP_GRACE)
                .withTimestampAssigner((record, previous) -> record.timestamp);
        SingleOutputStreamOperator<ServiceHealth> health = decode(env, topics.serviceHealth.name(), ServiceHealth.class,
                range.start(), range.stop(), "service-health", eventTime);
        SingleOutputStreamOperator<ServiceSignal> signals = decode(env, topics.signals.name(), ServiceSignal.class,
                range.start(), range.stop(), "signals", eventTime);
        SingleOutputStreamOperator<CatalogEntry> snapshot = decode(env, topics.catalog.name(), CatalogEntry.class,
                OffsetsInitializer.earliest(), OffsetsInitializer.latest(), "catalog-snapshot", WatermarkStrategy.noWatermarks());
        DataStream<DeadLetter> dead = health.getSideOutput(DecodeOrDeadLetter.DEAD_LETTERS)
                .union(signals.getSideOutput(DecodeOrDeadLetter.DEAD_LETTERS),
                        snapshot.getSideOutput(DecodeOrDeadLetter.DEAD_LETTERS));
        DataStream<CatalogEntry> catalog = snapshot;
        if (!range.bounded()) {
            SingleOutputStreamOperator<CatalogEntry> live = decode(env, topics.catalog.name(), CatalogEntry.class,
                    OffsetsInitializer.timestamp(System.currentTimeMillis()), null, "catalog-live",
                    WatermarkStrategy.noWatermarks());
            catalog = snapshot.union(live.assignTimestampsAndWatermarks(NeverHoldBackWatermarks.neverHoldBack())
                    .name("catalog-live-watermarks").uid("catalog-live-watermarks"));
            dead = dead.union(live.getSideOutput(DecodeOrDeadLetter.DEAD_LETTERS));
        }
        return new Inputs(health, signals, catalog, dead);
    }

    /** The exactly-once incident and dead-letter sinks. */
    public void sinks(CorrelationStreams out, DataStream<DeadLetter> decodeFailures) {
        out.incidents()
                .sinkTo(kafka.sink(topics.incidents.name(), CorrelatedIncident.class, CorrelationJob.NAME + "-incidents",
                        CorrelatedIncident::getIncidentId, CorrelatedIncident::getEventTime))
                // one writer keeps the revisions of an incident in order on the compacted topic
                .setParallelism(1).name("incident-sink").uid("incident-sink");
        out.deadLetters().union(decodeFailures)
                .sinkTo(kafka.deadLetterSink(topics.deadLetters.name(), CorrelationJob.NAME + "-dlq"))
                .name("dead-letter-sink").uid("dead-letter-sink");
    }

    private <T extends SpecificRecordBase> SingleOutputStreamOperator<T> decode(
            StreamExecutionEnvironment env, String topic, Class<T> type, OffsetsInitializer start,
            OffsetsInitializer stop, String name, WatermarkStrategy<RawKafkaRecord> watermarks) {
        return env.fromSource(kafka.source(topic, inputGroup(name), start, stop), watermarks,
                        name + "-source")
                .uid(name + "-source")
                .process(new DecodeOrDeadLetter<>(kafka.registry(), type), new AvroTypeInfo<>(type))
                .name("decode-" + name).uid("decode-" + name);
    }
}
