package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.embedded.EmbeddedStackExtension;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.flink.correlation.CorrelationKafkaJob;
import io.faultline.flink.correlation.CorrelationStreams;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.flink.kafka.RegistryRef;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The correlation job on the real embedded stack, failed once mid-replay: it restarts from its last
 * checkpoint and a read_committed consumer of the incidents topic sees every incident revision
 * exactly once, the same revisions a batch run over the same records produces.
 */
class CorrelationExactlyOnceIT {

    private static final Instant T0 = Instant.parse("2021-12-07T15:30:00Z");
    /** Records stamped at or after this are produced after the first incident revisions are committed. */
    private static final Instant CUT = T0.plus(Duration.ofMinutes(55));
    /** Generous: the machine running the tests may be shared and slow. */
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    /** Flipped by the failing map in the job (same JVM: the mini cluster runs the job's tasks here). */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void afterAFailureAndRestoreEveryRevisionIsCommittedExactlyOnce() throws Exception {
        EmbeddedStack stack = STACK.stack();
        Topics topics = stack.topics();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        CorrelationJobConfig config = CorrelationJobConfig.defaults().withMaxOutOfOrderness(Duration.ofMinutes(2));
        List<CatalogEntry> catalog = catalog();
        List<ServiceHealth> health = new ArrayList<>(health());
        // a heartbeat long after the outage: moves the live job's event time past everything below
        health.add(change("west-1", HealthState.UP, T0.plus(Duration.ofHours(4))));
        List<ServiceSignal> signals = List.of(
                statusPage("aws/us-east-1", HealthState.DOWN, T0.plus(Duration.ofMinutes(43))),
                statusPage("aws/us-east-1", HealthState.UP, T0.plus(Duration.ofMinutes(82))));
        List<CorrelatedIncident> expected = CorrelationJob.runBatch(config, catalog, health, signals);

        produce(stack, topics.catalog.name(), topics.catalog.serde(registry), catalog, CatalogEntry::getEntityId);
        produce(stack, topics.serviceHealth.name(), topics.serviceHealth.serde(registry),
                health.stream().filter(h -> h.getSince().isBefore(CUT)).toList(), ServiceHealth::getServiceId);
        produce(stack, topics.signals.name(), topics.signals.serde(registry),
                signals.stream().filter(x -> x.getEventTime().isBefore(CUT)).toList(), ServiceSignal::getEntityId);

        StreamExecutionEnvironment env = stack.flink().environment();
        env.enableCheckpointing(300);
        env.setParallelism(1);
        CorrelationKafkaJob kafkaJob = new CorrelationKafkaJob(
                new KafkaIO(stack.bootstrapServers(), new RegistryRef(stack.registryUrl(), true)), topics, config);
        CorrelationKafkaJob.Inputs in = kafkaJob.inputs(env, CorrelationKafkaJob.Range.live());
        DataStream<ServiceHealth> failingOnce = in.health().map(h -> {
            if (!h.getSince().isBefore(CUT) && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at the first record after the cut");
            }
            return h;
        }).name("fail-once").uid("fail-once");
        CorrelationStreams out = new CorrelationJob(config).build(env, failingOnce, in.signals(), in.catalog());
        kafkaJob.sinks(out, in.deadLetters());
        JobClient job = env.executeAsync(CorrelationJob.NAME);
        try (KafkaConsumer<String, CorrelatedIncident> consumer = incidentReader(stack, topics, registry)) {
            List<CorrelatedIncident> received = new ArrayList<>();
            // the consumer is not thread-safe: poll it in the test's own thread
            await("revisions committed before the failure").atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                return !received.isEmpty();
            });
            assertThat(received).as("revisions committed before the failure").isNotEmpty();

            // status signals first: produced after the health changes, they could reach the job after the health
            // watermark had passed them and be applied a tick late, which a batch run never does
            produce(stack, topics.signals.name(), topics.signals.serde(registry),
                    signals.stream().filter(x -> !x.getEventTime().isBefore(CUT)).toList(), ServiceSignal::getEntityId);
            produce(stack, topics.serviceHealth.name(), topics.serviceHealth.serde(registry),
                    health.stream().filter(h -> !h.getSince().isBefore(CUT)).toList(), ServiceHealth::getServiceId);
            await("the injected failure and the job running again").atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                return FAILED.get() && job.getJobStatus().get() == JobStatus.RUNNING;
            });
            assertThat(FAILED).as("the injected failure happened").isTrue();
            // the heartbeat moved event time past every tick the batch run emits a revision on:
            // wait until their checkpoints have committed them
            await("every revision the batch run emits").atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
                return received.size() >= expected.size();
            });
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> received.add(r.value())); // anything extra would show

            assertThat(expected).isNotEmpty();
            assertThat(received.stream().collect(Collectors.groupingBy(r -> r.getIncidentId() + "#" + r.getRevision(),
                    Collectors.counting()))).as("each revision once").allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
            received.sort(CorrelationJob.REVISION_ORDER);
            assertThat(received).extracting(CorrelationExactlyOnceIT::summary)
                    .containsExactlyElementsOf(expected.stream().map(CorrelationExactlyOnceIT::summary).toList());
            assertThat(received).isEqualTo(expected);
        } finally {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }

    private static String summary(CorrelatedIncident r) {
        return r.getIncidentId() + "#" + r.getRevision() + " " + r.getState() + " @" + r.getEventTime();
    }

    private static KafkaConsumer<String, CorrelatedIncident> incidentReader(EmbeddedStack stack, Topics topics,
                                                                            SchemaRegistry registry) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "correlation-exactly-once-it");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, CorrelatedIncident> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), topics.incidents.serde(registry).deserializer());
        consumer.subscribe(List.of(topics.incidents.name()));
        return consumer;
    }

    private static <V extends SpecificRecord> void produce(EmbeddedStack stack, String topic,
                                                           org.apache.kafka.common.serialization.Serde<V> serde, List<V> records,
                                                           Function<V, String> key) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        Serializer<V> values = serde.serializer();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(p, new StringSerializer(), values)) {
            for (V r : records) {
                // no record timestamp: the broker's retention must not see 2021 and delete the segment
                producer.send(new ProducerRecord<>(topic, key.apply(r), r)).get();
            }
        }
    }

    private static List<CatalogEntry> catalog() {
        List<CatalogEntry> entries = new ArrayList<>(List.of(
                entity("aws", EntityKind.PROVIDER, null, null),
                entity("aws/us-east-1", EntityKind.REGION, "aws", "us-east-1"),
                entity("aws/us-west-2", EntityKind.REGION, "aws", "us-west-2")));
        for (int i = 1; i <= 8; i++) {
            entries.add(entity("east-" + i, EntityKind.SERVICE, null, null, "aws/us-east-1"));
            entries.add(entity("west-" + i, EntityKind.SERVICE, null, null, "aws/us-west-2"));
        }
        return entries;
    }

    private static CatalogEntry entity(String id, EntityKind kind, String parent, String region, String... dependsOn) {
        List<Dependency> edges = new ArrayList<>();
        for (String target : dependsOn) {
            edges.add(Dependency.newBuilder().setTarget(target).setKind("hosting").setEvidence("docs").build());
        }
        return CatalogEntry.newBuilder().setEntityId(id).setKind(kind).setName(id).setParentId(parent)
                .setRegionCode(region).setDependsOn(edges).setEventTime(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    /** A quiet background, us-east-1's dependents failing from T0+40 min, recovering from T0+78 min. */
    private static List<ServiceHealth> health() {
        List<ServiceHealth> out = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            out.add(change("west-" + i, HealthState.UP, T0.plus(Duration.ofMinutes(4L * i))));
            // refreshes that move event time past the incident's opening before the cut
            out.add(change("west-" + i, HealthState.UP, T0.plus(Duration.ofMinutes(44 + 2L * i))));
            out.add(change("east-" + i, HealthState.DOWN, T0.plus(Duration.ofMinutes(40)).plusSeconds(25L * i)));
            out.add(change("east-" + i, HealthState.UP, T0.plus(Duration.ofMinutes(78)).plusSeconds(20L * i)));
        }
        out.add(change("west-3", HealthState.DEGRADED, T0.plus(Duration.ofMinutes(61))));
        out.add(change("west-3", HealthState.UP, T0.plus(Duration.ofMinutes(64))));
        out.sort(java.util.Comparator.comparing(ServiceHealth::getSince));
        return out;
    }

    private static ServiceHealth change(String service, HealthState state, Instant since) {
        return ServiceHealth.newBuilder().setServiceId(service).setState(state).setConfidence(0.9).setSince(since)
                .setEventTime(since).build();
    }

    private static ServiceSignal statusPage(String entity, HealthState state, Instant at) {
        return ServiceSignal.newBuilder().setSignalId("sp-" + at.toEpochMilli()).setEntityId(entity)
                .setSource(SignalSource.STATUS_PAGE).setObservedState(state).setEventTime(at).setObservedAt(at).build();
    }
}
