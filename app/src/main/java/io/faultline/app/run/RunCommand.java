package io.faultline.app.run;

import io.faultline.api.http.ApiHooks;
import io.faultline.app.metrics.CommandMetrics;
import io.faultline.app.metrics.ConsumerGroupLag;
import io.faultline.app.metrics.KafkaReadiness;
import io.faultline.app.metrics.MetricsOptions;
import io.faultline.app.metrics.StreamsReadiness;
import io.faultline.streams.PipelineMeters;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.faultline.api.http.ApiConfig;
import io.faultline.app.live.StreamsLiveApi;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.faultline.app.KafkaReachability;
import io.faultline.app.CommandGroup;
import io.faultline.app.KafkaAvroOptions;

/** {@code faultline run <app>}: runs one of the pipeline's applications against a configured cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one of the pipeline's applications against an existing Kafka cluster, schema registry and Flink.",
        subcommands = {RunCommand.Streams.class, RunCorrelationCommand.class, RunNotifyCommand.class})
public final class RunCommand extends CommandGroup {

    @Command(name = "streams", mixinStandardHelpOptions = true,
            description = {"Run the Kafka Streams application: raw.* topics -> normalise, resolve against the catalog, "
                    + "de-duplicate -> signals -> per-service health -> service-health (changes only).",
                    "Exactly-once (v2). Runs until Ctrl-C.",
                    "With --api-port it also serves the timeline API's live endpoints: service health by interactive "
                            + "queries over this application's store, incidents from the incidents topic (history endpoints "
                            + "answer 503; FAULTLINE_API_TOKEN sets the bearer token)."})
    static final class Streams implements Callable<Integer> {
        @Mixin
        KafkaAvroOptions kafka = new KafkaAvroOptions();

        @Option(names = "--application-id", defaultValue = StreamsAppConfig.DEFAULT_APPLICATION_ID,
                description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
        String applicationId;

        @Option(names = "--state-dir", defaultValue = ".faultline/streams-state",
                description = "Local state directory (default: ${DEFAULT-VALUE}).")
        Path stateDir;

        @Option(names = "--stream-threads", defaultValue = "1",
                description = "Stream threads of this instance; tasks (one per input partition) spread over the threads "
                        + "of every instance with the same --application-id (default: ${DEFAULT-VALUE}).")
        int streamThreads;

        @Option(names = "--commit-interval", defaultValue = "1s", converter = io.faultline.app.DurationConverter.class,
                description = "How often each stream thread commits its exactly-once transaction (default: ${DEFAULT-VALUE}).")
        java.time.Duration commitInterval;

        @Option(names = "--api-port", description = "Also serve the live timeline API on this port (0 = any free port); "
                + "default: no API.")
        Integer apiPort;

        @picocli.CommandLine.Mixin
        MetricsOptions metrics = new MetricsOptions();

        @Override
        public Integer call() throws Exception {
            String bootstrapServers = kafka.requiredBootstrapServers();
            String registryUrl = kafka.requiredRegistryUrl();
            StreamsAppConfig config = StreamsAppConfig.of(bootstrapServers, registryUrl, kafka.topicPrefix(), applicationId, stateDir)
                    .withStreamThreads(streamThreads).withCommitInterval(commitInterval);
            if (apiPort != null && (apiPort < 0 || apiPort > 65_535)) {
                throw new IllegalArgumentException("--api-port: must be a port 0..65535, was " + apiPort);
            }
            // every topic the topology reads or writes: Kafka Streams would otherwise fail on the first missing one
            // with a message that names neither --topic-prefix nor how to create it
            io.faultline.schemas.Topics topics = config.topics();
            java.util.List<String> needed = new java.util.ArrayList<>(topics.raw().stream().map(io.faultline.schemas.Topics.Topic::name).toList());
            needed.addAll(java.util.List.of(topics.catalog.name(), topics.signals.name(), topics.serviceHealth.name(),
                    topics.deadLetters.name()));
            KafkaReachability.require(bootstrapServers, registryUrl, needed.stream().distinct().toList());
            ApiConfig apiConfig = apiPort == null ? null : StreamsLiveApi.config(apiPort);
            CountDownLatch stopped = new CountDownLatch(1);
            try (CommandMetrics m = metrics.open(new java.io.PrintWriter(System.out, true));
                 StreamsApp app = StreamsApp.start(config, PipelineMeters.of(m.registry()));
                 StreamsLiveApi api = apiConfig == null ? null : StreamsLiveApi.start(apiConfig, app, bootstrapServers,
                         config.topics(), new SchemaRegistry(config.registry()), java.util.Optional.empty(),
                         new ApiHooks(m.registry(), m::problems))) {
                m.require(new KafkaReadiness(bootstrapServers));
                m.require(StreamsReadiness.of(app::state));
                m.own(ConsumerGroupLag.start(bootstrapServers, java.util.List.of(applicationId), m.registry(),
                        ConsumerGroupLag.DEFAULT_INTERVAL));
                m.started();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    app.close();
                    stopped.countDown();
                }, "faultline-streams-stop"));
                System.out.println("faultline streams: " + applicationId + " reading " + config.topics().prefix()
                        + "raw.* from " + bootstrapServers + ", writing " + config.topics().signals.name() + " and "
                        + config.topics().serviceHealth.name() + " (Ctrl-C stops)");
                if (api != null) {
                    System.out.printf("faultline streams: live API on http://localhost:%d/api/v1/live/services "
                            + "(service health by interactive queries)%n", api.port());
                }
                while (!stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    KafkaStreams.State s = app.state();
                    if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                        System.err.println("faultline streams: application stopped in state " + s);
                        return 1;
                    }
                }
            }
            return 0;
        }
    }
}
