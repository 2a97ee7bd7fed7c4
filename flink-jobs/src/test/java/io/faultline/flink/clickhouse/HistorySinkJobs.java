package io.faultline.flink.clickhouse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.flink.correlation.CorrelationFixtures;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.flink.correlation.CorrelationStreams;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;

/**
 * The correlation job over the outage fixtures with every history sink attached, shared by the
 * sink tests against {@link FakeClickHouse} and against the real engine: the same job, the same
 * environments, only the database differs.
 */
final class HistorySinkJobs {

    static final CorrelationJobConfig CONFIG = CorrelationJobConfig.defaults()
            .withMaxOutOfOrderness(Duration.ofMinutes(3));
    /** Long enough never to fire in a test: batches are cut by size, checkpoints and end of input only. */
    static final Duration NEVER = Duration.ofHours(1);

    private HistorySinkJobs() {
    }

    /** One task manager with two slots, for a job at parallelism 2. */
    static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** Streaming at parallelism 2, checkpointing every 200 ms. */
    static StreamExecutionEnvironment streaming() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        return env;
    }

    /** Batch at parallelism 2, restarting a failed task up to twice. */
    static StreamExecutionEnvironment batchWithRestarts() {
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    /**
     * The job with every history sink attached, as CorrelationKafkaJob attaches them to its decoded
     * inputs; {@code signalsIn} may change the signal stream before the job and the sinks see it.
     */
    static CorrelationStreams build(StreamExecutionEnvironment env, ClickHouseSinkConfig sinks,
                                    UnaryOperator<DataStream<ServiceSignal>> signalsIn) {
        DataStream<ServiceHealth> health = env.fromData(CorrelationFixtures.outageHealth(), new AvroTypeInfo<>(ServiceHealth.class));
        DataStream<ServiceSignal> signals = signalsIn.apply(
                env.fromData(CorrelationFixtures.outageSignals(), new AvroTypeInfo<>(ServiceSignal.class)));
        CorrelationStreams out = new CorrelationJob(CONFIG).build(env, health, signals,
                env.fromData(CorrelationFixtures.catalog(), new AvroTypeInfo<>(CatalogEntry.class)));
        CorrelationHistorySinks.attach(out.incidents(), health, signals, sinks);
        return out;
    }

    /** Runs the job in {@code env} and returns the incident revisions it emitted. */
    static List<CorrelatedIncident> emitted(CorrelationStreams out) throws Exception {
        List<CorrelatedIncident> emitted = new ArrayList<>();
        try (CloseableIterator<CorrelatedIncident> it = out.incidents().executeAndCollect("correlation-to-clickhouse")) {
            it.forEachRemaining(emitted::add);
        }
        return emitted;
    }

    /** The revisions a batch run of the job emits over the outage fixtures. */
    static List<CorrelatedIncident> batchRevisions() throws Exception {
        return CorrelationJob.runBatch(CONFIG, CorrelationFixtures.catalog(), CorrelationFixtures.outageHealth(),
                CorrelationFixtures.outageSignals());
    }
}
