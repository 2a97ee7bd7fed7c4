package io.faultline.app.run;

import io.faultline.app.metrics.CommandMetrics;
import io.faultline.app.metrics.ConsumerGroupLag;
import io.faultline.app.metrics.FlinkJobReadiness;
import io.faultline.app.metrics.FlinkMetricsBridge;
import io.faultline.app.metrics.KafkaReadiness;
import io.faultline.app.metrics.MetricsOptions;

import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.flink.correlation.CorrelationKafkaJob;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.flink.kafka.RegistryRef;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import io.faultline.app.KafkaOptions;
import io.faultline.app.RegistryOptions;
import io.faultline.app.KafkaReachability;

/**
 * {@code faultline run correlation}: the correlation job on a Flink cluster (REST address) or in
 * this process, reading service-health and signals from Kafka and writing incidents exactly once;
 * with {@code --clickhouse-url} also the history to ClickHouse ({@link ClickHouseSinkOptions}).
 */
@Command(name = "correlation", mixinStandardHelpOptions = true,
        description = "Run the Flink correlation job: service-health + signals in, correlated incidents out "
                + "(exactly once). Live by default; --batch replays a bounded time range in Flink BATCH mode.",
        footer = "Without --bootstrap-servers: $" + KafkaOptions.ENV_BOOTSTRAP_SERVERS + " or "
                + RunCorrelationCommand.DEFAULT_BOOTSTRAP_SERVERS + ". Without --registry-url: $" + RegistryOptions.ENV_REGISTRY_URL
                + " or " + RunCorrelationCommand.DEFAULT_REGISTRY_URL + ". With --clickhouse-url, also write incidents, their "
                + "members and timelines, and the service-health changes and signals read to ClickHouse.")
public final class RunCorrelationCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka = new KafkaOptions();

    @Mixin
    RegistryOptions registryOptions = new RegistryOptions();

    @Option(names = "--auto-register-schemas", description = "Register the incident/dead-letter schemas if missing "
            + "(off in production: only released schemas are written).")
    boolean autoRegister;

    @Option(names = "--flink", defaultValue = "local",
            description = "'local' (a mini cluster in this process) or the REST address host:port of a Flink cluster (default: ${DEFAULT-VALUE}).")
    String flink;

    @Option(names = "--parallelism", defaultValue = "2", description = "Parallelism of reading, decoding and mapping the "
            + "inputs (the correlation itself runs at 1; default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "5s", description = "Checkpoint interval; incident revisions "
            + "are committed to Kafka at checkpoints, so this bounds how late they are seen (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(names = "--max-out-of-orderness", defaultValue = "30s",
            description = "How late an input may arrive and still be applied as a batch replay would (default: ${DEFAULT-VALUE}).")
    String maxOutOfOrderness;

    @Option(names = "--idle-input", defaultValue = "1m",
            description = "A partition of an input with no records this long stops holding event time back, so the last "
                    + "revisions of a quiet stream (RESOLVED) come this long after its last record; a partition lagging "
                    + "more than this behind the others is then read late (default: ${DEFAULT-VALUE}).")
    String idleInput;

    @Option(names = "--quiet-input", defaultValue = "3s",
            description = "When no input at all has arrived for this long, run the ticks up to the newest input without "
                    + "waiting for --max-out-of-orderness and --idle-input, so the last revision of a burst (RESOLVED) "
                    + "comes this long after its last record; an input that stalls longer while all others are silent "
                    + "is then applied a tick late. 0 turns it off (default: ${DEFAULT-VALUE}).")
    String quietInput;

    @Option(names = "--streams-application-id", defaultValue = "faultline-streams", paramLabel = "ID",
            description = "The Kafka Streams application writing the job's inputs (`run streams --application-id`): "
                    + "--quiet-input takes the inputs as caught up only once it has committed the end of its own "
                    + "(default: ${DEFAULT-VALUE}).")
    String streamsApplicationId;

    @Option(names = "--drain-after", defaultValue = "1h",
            description = "At end of input, keep ticking this long past the newest input (default: ${DEFAULT-VALUE}).")
    String drainAfter;

    @Option(names = "--batch", description = "Replay the range --from..--to of the input topics in BATCH mode and exit.")
    boolean batch;

    @Option(names = "--from", description = "Batch/live start, an ISO instant matched against Kafka record timestamps (default: earliest).")
    String from;

    @Option(names = "--to", description = "Batch end (exclusive), an ISO instant matched against Kafka record timestamps (required with --batch).")
    String to;

    @Option(names = "--detach", description = "Submit to the cluster and return (with --flink host:port).")
    boolean detach;

    @Mixin
    ClickHouseSinkOptions clickHouse;

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    /** Without the options and their variables: a local stack (docs/running.md). */
    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    static final String DEFAULT_REGISTRY_URL = "http://localhost:8081";

    /** How often the job's figures are read from Flink's REST API into the metrics. */
    public static final java.time.Duration FLINK_METRICS_INTERVAL = java.time.Duration.ofSeconds(5);

    @Override
    public Integer call() throws Exception {
        CorrelationRunSettings settings = CorrelationRunSettings.parse(
                kafka.bootstrapServersOr(System.getenv(), DEFAULT_BOOTSTRAP_SERVERS),
                registryOptions.registryUrlOr(System.getenv(), DEFAULT_REGISTRY_URL), autoRegister, kafka.topicPrefix(), flink,
                parallelism, checkpointInterval, maxOutOfOrderness, idleInput, quietInput, drainAfter, batch, from, to,
                clickHouse.config(System.getenv()));
        KafkaReachability.require(settings.bootstrapServers(), settings.registryUrl(), java.util.List.of(
                settings.topics().serviceHealth.name(), settings.topics().signals.name(), settings.topics().catalog.name()));
        Configuration conf = new Configuration();
        conf.set(ExecutionOptions.RUNTIME_MODE, settings.batch() ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        java.net.URI flinkRest;
        if ("local".equals(settings.flink())) {
            // the mini cluster's REST API on a known loopback port: the metrics bridge reads the job's figures there
            int restPort = io.faultline.app.embedded.FreePorts.next();
            conf.set(org.apache.flink.configuration.RestOptions.BIND_ADDRESS, "127.0.0.1");
            conf.set(org.apache.flink.configuration.RestOptions.ADDRESS, "127.0.0.1");
            conf.set(org.apache.flink.configuration.RestOptions.BIND_PORT, Integer.toString(restPort));
            conf.set(org.apache.flink.configuration.RestOptions.PORT, restPort);
            flinkRest = java.net.URI.create("http://127.0.0.1:" + restPort);
        } else {
            flinkRest = java.net.URI.create("http://" + settings.flink());
        }
        StreamExecutionEnvironment env = FlinkTarget.environment(settings.flink(), conf);
        env.setParallelism(settings.parallelism());
        if (!settings.batch()) {
            // also what makes the ClickHouse sinks write what they buffer at every checkpoint
            env.enableCheckpointing(settings.checkpointInterval().toMillis());
        }
        CorrelationJobConfig config = CorrelationJobConfig.defaults()
                .withMaxOutOfOrderness(settings.maxOutOfOrderness()).withDrainAfterInput(settings.drainAfter())
                .withIdleInput(settings.idleInput()).withQuietInput(settings.quietInput());
        CorrelationKafkaJob kafkaJob = new CorrelationKafkaJob(new KafkaIO(settings.bootstrapServers(),
                new RegistryRef(settings.registryUrl(), settings.autoRegister())), settings.topics(), config);
        if (!settings.batch()) {
            kafkaJob = kafkaJob.withStreamsApplication(streamsApplicationId);
        }
        if (settings.clickHouse().isPresent()) {
            kafkaJob = kafkaJob.withClickHouse(settings.clickHouse().get());
        }
        kafkaJob.build(env, settings.range());

        boolean detached = detach && !"local".equals(settings.flink());
        // opened before the job is submitted: a metrics port in use fails here, before anything runs
        try (CommandMetrics m = detached ? null : metrics.open(new java.io.PrintWriter(System.out, true))) {
            return submitAndWait(env, settings, flinkRest, m);
        }
    }

    private int submitAndWait(StreamExecutionEnvironment env, CorrelationRunSettings settings, java.net.URI flinkRest,
                              CommandMetrics m) throws Exception {
        JobClient job = env.executeAsync(CorrelationJob.NAME);
        System.out.println("faultline run correlation: submitted " + CorrelationJob.NAME + " (" + job.getJobID() + ") to "
                + settings.flink() + (settings.batch() ? " in BATCH mode over " + settings.range() : " (live)"));
        System.out.println("  reading " + settings.topics().serviceHealth.name() + ", " + settings.topics().signals.name()
                + ", " + settings.topics().catalog.name() + "; writing " + settings.topics().incidents.name());
        settings.clickHouse().ifPresent(ch -> System.out.println("  and to ClickHouse " + ch.jdbcUrl()
                + ": incidents, incident_members, incident_events, service_health, signals (batches of up to " + ch.maxBatchRows()
                + " rows or " + ch.maxBatchDelay().toMillis() + " ms" + (settings.batch() ? "" : ", and at every checkpoint") + ")"));
        if (m == null) {
            return 0; // --detach: submitted, the cluster runs it
        }
        m.require(new KafkaReadiness(settings.bootstrapServers()));
        m.require(new FlinkJobReadiness(job));
        m.own(FlinkMetricsBridge.start(flinkRest, job.getJobID().toString(), CorrelationJob.NAME, m.registry(),
                FLINK_METRICS_INTERVAL));
        m.own(ConsumerGroupLag.start(settings.bootstrapServers(), CorrelationKafkaJob.inputGroups(), m.registry(),
                ConsumerGroupLag.DEFAULT_INTERVAL));
        m.started();
        var result = job.getJobExecutionResult().get();
        System.out.println("faultline run correlation: finished after " + result.getNetRuntime() + " ms");
        return 0;
    }
}
