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
import io.faultline.avro.IncidentState;
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
 * with {@value #PARTITIONS} partitions, must give the same service-health changes (per service, in order, field
 * by field) and, correlated from them, the same incident revisions. Normalise and health are keyed by the
 * observation and the entity, so partitions split the work without changing any decision; this test is what
 * says so.
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
    void fourPartitionsOnTwoInstancesGiveTheHealthChangesAndIncidentsOfOne() throws Exception {
        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        List<CatalogEntry> catalog = CatalogCommand.read(HOME.resolve("catalog")).requireValid();
        Topics one = stack.topics();
        Topics scaled = Topics.withPrefix("scaled.");
        TopicProvisioner.create(stack.bootstrapServers(), scaled, PARTITIONS, (short) 1);

        Run single = run(stack, registry, catalog, one, "faultline-scale-one", 1);
        Run split = run(stack, registry, catalog, scaled, "faultline-scale-split", INSTANCES);

        assertThat(single.health).as("health changes of the replay").hasSizeGreaterThan(100);
        assertThat(split.signals).as("signals, " + PARTITIONS + " partitions on " + INSTANCES + " instances")
                .hasSameSizeAs(single.signals);
        Map<String, List<ServiceHealth>> expected = byService(single.health);
        Map<String, List<ServiceHealth>> actual = byService(split.health);
        assertThat(actual.keySet()).as("services whose health changed").isEqualTo(expected.keySet());
        expected.forEach((service, changes) -> assertThat(actual.get(service)).as(service).isEqualTo(changes));

        // the same inputs in the same order: which partition a record came from must not matter to the job either
        CorrelationJobConfig config = CorrelationJobConfig.defaults();
        List<CorrelatedIncident> incidentsOfOne = CorrelationJob.runBatch(config, catalog, single.health, single.signals);
        List<CorrelatedIncident> incidentsSplit = CorrelationJob.runBatch(config, catalog, split.health, split.signals);
        assertThat(incidentsOfOne).as("incident revisions").isNotEmpty()
                .anyMatch(r -> r.getState() == IncidentState.RESOLVED);
        assertThat(incidentsSplit).isEqualTo(incidentsOfOne);
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
