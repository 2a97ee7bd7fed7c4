package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.faultline.app.catalog.CatalogCommand;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.embedded.EmbeddedStackExtension;
import io.faultline.app.embedded.TopicProvisioner;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplayProducer;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out of the Streams stages, on the embedded broker: the AWS us-east-1 2021-12-07 replay through one
 * instance on single-partition topics, and through {@value #INSTANCES} instances of one application on topics
 * with {@value #PARTITIONS} partitions. Normalise must write the same signals, field by field; the same services
 * must change health; and the incidents correlated from each run must be the same, with the same cause and final
 * state. Health change sequences are NOT all identical (the count is printed): a machine is also re-evaluated at
 * its task's stream-time ticks, which depend on the other services in its partition (docs/scaling.md).
 */
class StreamsScaleOutIT {

    static final int PARTITIONS = 4;
    static final int INSTANCES = 2;

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final Path HOME = EmbeddedStackExtension.projectHome();
    static final Path REPLAY = HOME.resolve("replays/aws-us-east-1-2021-12-07");
    static final Duration CATCH_UP = Duration.ofMinutes(5);

    @TempDir
    Path workDir;

    @Test
    void fourPartitionsOnTwoInstancesGiveTheSignalsAndIncidentsOfOne() throws Exception {
        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        List<CatalogEntry> catalog = CatalogCommand.read(HOME.resolve("catalog")).requireValid();
        Topics one = stack.topics();
        Topics scaled = Topics.withPrefix("scaled.");
        TopicProvisioner.create(stack.bootstrapServers(), scaled, PARTITIONS, (short) 1);

        Run single = run(stack, registry, catalog, one, "faultline-scale-one", 1);
        Run split = run(stack, registry, catalog, scaled, "faultline-scale-split", INSTANCES);

        // normalise: every signal the same, field by field
        assertThat(single.signals).as("signals of the replay").hasSizeGreaterThan(100_000);
        assertThat(bySignalId(split.signals)).as("signals, " + PARTITIONS + " partitions on " + INSTANCES + " instances")
                .isEqualTo(bySignalId(single.signals));

        // health: the same services change health (how many of their change sequences are identical is printed:
        // a machine is also re-evaluated at its task's stream-time ticks, and a task's stream time depends on which
        // other services share its partition, so a flapping service's later changes can come at other moments)
        Map<String, List<ServiceHealth>> expected = byService(single.health);
        Map<String, List<ServiceHealth>> actual = byService(split.health);
        assertThat(actual.keySet()).as("services whose health changed").isEqualTo(expected.keySet());
        long identical = expected.entrySet().stream().filter(e -> e.getValue().equals(actual.get(e.getKey()))).count();
        System.out.printf("StreamsScaleOutIT: %d signals; health changes %d (one instance) and %d (%d partitions, %d "
                        + "instances); identical change sequences for %d of %d services%n", single.signals.size(),
                single.health.size(), split.health.size(), PARTITIONS, INSTANCES, identical, expected.size());

        // correlation: the same incidents, named the same, ending in the same state
        CorrelationJobConfig config = CorrelationJobConfig.defaults();
        Map<String, String> incidentsOfOne = outcomes(CorrelationJob.runBatch(config, catalog, single.health, single.signals));
        Map<String, String> incidentsSplit = outcomes(CorrelationJob.runBatch(config, catalog, split.health, split.signals));
        assertThat(incidentsOfOne).as("incidents of the replay").isNotEmpty()
                .containsValue("aws/us-east-1 RESOLVED");
        assertThat(incidentsSplit).isEqualTo(incidentsOfOne);
    }

    /** Each incident's cause and state at its last revision, by incident id. */
    private static Map<String, String> outcomes(List<CorrelatedIncident> revisions) {
        Map<String, String> out = new TreeMap<>();
        revisions.forEach(r -> out.put(r.getIncidentId(),
                (r.getCause() == null ? "unknown" : r.getCause().getComponentId()) + " " + r.getState()));
        return out;
    }

    private static Map<String, ServiceSignal> bySignalId(List<ServiceSignal> signals) {
        Map<String, ServiceSignal> out = new TreeMap<>();
        signals.forEach(s -> assertThat(out.put(s.getSignalId(), s)).as("signal written twice: " + s.getSignalId()).isNull());
        return out;
    }

    /** What one application wrote for the whole replay. */
    record Run(List<ServiceSignal> signals, List<ServiceHealth> health) {
    }

    private Run run(EmbeddedStack stack, SchemaRegistry registry, List<CatalogEntry> catalog, Topics topics,
                    String applicationId, int instances) throws Exception {
        CatalogCommand.publish(stack.bootstrapServers(), topics, registry, catalog);
        try (ReplayProducer producer = new ReplayProducer(ReplayProducer.config(stack.bootstrapServers()), topics,
                registry, Clock.systemUTC());
             ReplaySource source = ReplaySource.open(REPLAY, ReplayOptions.defaults())) {
            producer.replay(source, 0, Duration.ofMinutes(1), p -> { });
        }
        List<StreamsApp> apps = new ArrayList<>();
        try (StreamsOutputs outputs = new StreamsOutputs(stack, topics, registry, applicationId)) {
            for (int i = 0; i < instances; i++) {
                apps.add(StreamsApp.start(new StreamsAppConfig(stack.bootstrapServers(),
                        RegistryConfig.of(stack.registryUrl(), true), topics, applicationId,
                        workDir.resolve(applicationId + "-" + i), PipelineSettings.defaults())));
            }
            outputs.awaitCaughtUp(CATCH_UP);
            List<ServiceSignal> signals = new ArrayList<>(outputs.signals());
            signals.sort(Comparator.comparing(ServiceSignal::getEventTime).thenComparing(ServiceSignal::getSignalId));
            List<ServiceHealth> health = new ArrayList<>(outputs.health());
            health.sort(Comparator.comparing(ServiceHealth::getEventTime).thenComparing(ServiceHealth::getServiceId));
            return new Run(signals, health);
        } finally {
            for (StreamsApp app : apps) {
                app.close();
            }
        }
    }

    /** Each service's changes in the order they were made (by event time; stable for ties). */
    private static Map<String, List<ServiceHealth>> byService(List<ServiceHealth> health) {
        Map<String, List<ServiceHealth>> out = new TreeMap<>();
        health.forEach(h -> out.computeIfAbsent(h.getServiceId(), k -> new ArrayList<>()).add(h));
        return out;
    }
}
