package io.faultline.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.faultline.schemas.Topics;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline run <app>}: runs one of the pipeline's applications against a configured cluster. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one of the pipeline's applications against an existing Kafka cluster, schema registry and Flink.",
        subcommands = {RunCommand.Streams.class, RunCorrelationCommand.class})
public final class RunCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "streams", mixinStandardHelpOptions = true,
            description = {"Run the Kafka Streams application: raw.* topics -> normalise, resolve against the catalog, "
                    + "de-duplicate -> signals -> per-service health -> service-health (changes only).",
                    "Exactly-once (v2). Runs until Ctrl-C."})
    static final class Streams implements Callable<Integer> {
        @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers, e.g. localhost:9092.")
        String bootstrapServers;

        @Option(names = "--registry-url", required = true, description = "Schema registry base URL (Confluent API).")
        String registryUrl;

        @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic prefix (default: ${DEFAULT-VALUE}).")
        String topicPrefix;

        @Option(names = "--application-id", defaultValue = StreamsAppConfig.DEFAULT_APPLICATION_ID,
                description = "Kafka Streams application id (default: ${DEFAULT-VALUE}).")
        String applicationId;

        @Option(names = "--state-dir", defaultValue = ".faultline/streams-state",
                description = "Local state directory (default: ${DEFAULT-VALUE}).")
        Path stateDir;

        @Override
        public Integer call() throws Exception {
            StreamsAppConfig config = StreamsAppConfig.of(bootstrapServers, registryUrl, topicPrefix, applicationId, stateDir);
            CountDownLatch stopped = new CountDownLatch(1);
            try (StreamsApp app = StreamsApp.start(config)) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    app.close();
                    stopped.countDown();
                }, "faultline-streams-stop"));
                System.out.println("faultline streams: " + applicationId + " reading " + config.topics().prefix()
                        + "raw.* from " + bootstrapServers + ", writing " + config.topics().signals.name() + " and "
                        + config.topics().serviceHealth.name() + " (Ctrl-C stops)");
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
