package io.faultline.app.discover;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.embedded.EmbeddedStackExtension;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.schemas.mapping.CatalogEntities;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import io.faultline.app.catalog.CatalogCommand;

/**
 * {@code faultline discover cofailures --bootstrap-servers …}: history read from the service-health
 * and signals topics of a real broker and registry. Three days on which amazon (a catalog service
 * that does not depend on Cloudflare) fails minutes before Cloudflare's status page reports
 * trouble, and two services unknown to the catalog fail with them: three edges to Cloudflare, and
 * the three services as one group.
 */
class CoFailuresTopicIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final String SERVICE = "amazon";
    private static final String COMPONENT = "cloudflare";
    private static final List<String> UNKNOWN = List.of("it-shop-1", "it-shop-2");

    @Test
    void proposes_the_edge_and_the_pair_from_the_topics() throws Exception {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        List<CatalogEntry> catalog = CatalogCommand.read(home.resolve("catalog")).requireValid();
        DependencyGraph graph = CatalogEntities.graph(catalog);
        assertThat(graph.isService(graph.indexOf(SERVICE))).isTrue();
        assertThat(graph.isService(graph.indexOf(COMPONENT))).isFalse();
        assertThat(graph.ancestorIds(SERVICE)).as("precondition: the catalog lacks the edge").doesNotContain(COMPONENT);

        String out;
        int code;
        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, ServiceHealth> health = new KafkaProducer<>(p, new StringSerializer(),
                stack.topics().serviceHealth.serde(registry).serializer());
             KafkaProducer<String, ServiceSignal> signals = new KafkaProducer<>(p, new StringSerializer(),
                     stack.topics().signals.serde(registry).serializer())) {
            for (int d = 0; d < 3; d++) {
                Instant day = T0.plus(DAY.multipliedBy(d));
                episode(health, stack.topics().serviceHealth.name(), SERVICE, day);
                episode(health, stack.topics().serviceHealth.name(), UNKNOWN.get(0), day.plusSeconds(60));
                episode(health, stack.topics().serviceHealth.name(), UNKNOWN.get(1), day.plusSeconds(120));
                status(signals, stack.topics().signals.name(), HealthState.DOWN, day.plusSeconds(180));
                status(signals, stack.topics().signals.name(), HealthState.UP, day.plusSeconds(1800));
            }
            health.flush();
            signals.flush();
        }

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new DiscoverCommand()).execute("cofailures", "--catalog",
                    home.resolve("catalog").toString(), "--bootstrap-servers", stack.bootstrapServers(),
                    "--registry-url", stack.registryUrl());
        } finally {
            System.setOut(original);
        }
        out = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(code).isZero();
        assertThat(out).contains("18 health changes and 6 component status-page signals")
                .contains("proposed edges: 3 ")
                .containsPattern("(?m)^  " + SERVICE + " +" + COMPONENT + " +\\S+ +3 +3 +3 +1\\.00 ")
                .containsPattern("(?m)^  " + UNKNOWN.get(0) + " +" + COMPONENT + " +")
                .containsPattern("(?m)^  " + UNKNOWN.get(0) + " +" + UNKNOWN.get(1) + " +3 ")
                .contains("service pairs: 3 ")
                .contains("group of 3: " + SERVICE + ", " + String.join(", ", UNKNOWN));
    }

    private static void episode(KafkaProducer<String, ServiceHealth> producer, String topic, String service, Instant down) {
        send(producer, topic, service, HealthState.DOWN, HealthState.UP, down);
        send(producer, topic, service, HealthState.UP, HealthState.DOWN, down.plus(Duration.ofMinutes(20)));
    }

    private static void send(KafkaProducer<String, ServiceHealth> producer, String topic, String service, HealthState state,
                             HealthState previous, Instant at) {
        ServiceHealth h = ServiceHealth.newBuilder().setServiceId(service).setState(state).setPreviousState(previous)
                .setConfidence(0.9).setSince(at).setEventTime(at).build();
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), service, h));
    }

    private static void status(KafkaProducer<String, ServiceSignal> producer, String topic, HealthState state, Instant at) {
        ServiceSignal s = ServiceSignal.newBuilder().setSignalId("it:" + COMPONENT + ":" + at).setEntityId(COMPONENT)
                .setSource(SignalSource.STATUS_PAGE).setObservedState(state).setEventTime(at).setObservedAt(at).build();
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), COMPONENT, s));
    }
}
