package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.ObservationKind;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import io.faultline.streams.offline.OfflinePipeline;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams application on the embedded broker and registry: the project's catalog is loaded,
 * a hand-made outage of three catalog services (six vantages a minute, plus a late AWS status
 * post) is fed in two halves with the application stopped and restarted in between (same
 * state directory), and the health changes are read back with read_committed: the same
 * transitions as an uninterrupted run of the input, each within a tick of it, and no duplicates.
 */
public class StreamsRunIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final Instant T0 = Instant.parse("2021-12-07T15:00:00Z");
    static final Instant OUTAGE_START = T0.plus(Duration.ofMinutes(10));
    static final Instant OUTAGE_END = T0.plus(Duration.ofMinutes(40));
    static final List<String> AFFECTED = List.of("coinbase", "venmo", "slack");
    static final List<String> ALL = List.of("coinbase", "venmo", "slack", "netflix");
    static final int MINUTES = 60;
    static final int RESTART_AT_MINUTE = 25;

    @TempDir
    Path workDir;

    record Timed(String topic, String key, SpecificRecord value, Instant time) {
    }

    static List<Timed> input(Topics topics, int fromMinute, int toMinute) {
        List<Timed> out = new ArrayList<>();
        for (int m = fromMinute; m < toMinute; m++) {
            Instant round = T0.plus(Duration.ofMinutes(m));
            for (String s : ALL) {
                for (int v = 0; v < 6; v++) {
                    Instant t = round.plusSeconds(v * 7L);
                    boolean ok = !(AFFECTED.contains(s) && !t.isBefore(OUTAGE_START) && t.isBefore(OUTAGE_END));
                    ProbeResult p = ProbeResult.newBuilder().setResultId("replay:v" + v + ":" + s + ":" + t.toEpochMilli())
                            .setSource(ProbeSource.RECONSTRUCTED).setProbeType(ProbeType.HTTP).setTargetId(s)
                            .setVantage("replay-v" + v).setSuccess(ok).setErrorKind(ok ? ProbeErrorKind.NONE : ProbeErrorKind.TIMEOUT)
                            .setEventTime(t).setObservedAt(t).build();
                    out.add(new Timed(topics.rawProbe.name(), s, p, t));
                }
            }
            if (m == 20 || m == 45) {
                Instant t = round.plusSeconds(45);
                StatusPageObservation o = StatusPageObservation.newBuilder().setObservationId("aws:ec2:" + t.toEpochMilli())
                        .setPageId("aws").setPageUrl("https://health.aws.amazon.com/health/status")
                        .setFormat(StatusPageFormat.AWS_HEALTH).setKind(ObservationKind.INCIDENT).setIncidentId("ec2")
                        .setIncidentName("Increased API Error Rates")
                        .setIncidentStatus(m == 20 ? IncidentStatus.INVESTIGATING : IncidentStatus.RESOLVED)
                        .setIncidentImpact(IncidentImpact.MAJOR)
                        .setUpdateBody("Increased error rates for EC2 APIs in the US-EAST-1 Region").setEventTime(t)
                        .setObservedAt(t).build();
                out.add(new Timed(topics.rawStatusPage.name(), "aws", o, t));
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void produce(EmbeddedStack stack, SchemaRegistry registry, List<Timed> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        Map<String, Topics.Topic> byName = new TreeMap<>();
        stack.topics().raw().forEach(t -> byName.put(t.name(), t));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (Timed r : records) {
                byte[] bytes = byName.get(r.topic()).serde(registry).serialize(r.topic(), r.value());
                producer.send(new ProducerRecord<>(r.topic(), null, r.time().toEpochMilli(), r.key(), bytes));
            }
            producer.flush();
        }
    }

    static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(EmbeddedStack stack, Topics.Topic<V> topic,
                                                                       SchemaRegistry registry, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), topic.serde(registry));
        c.subscribe(List.of(topic.name()));
        return c;
    }

    /**
     * Polls {@code condition} (each call itself polls a consumer for up to 200 ms) until it holds or
     * {@code timeout} has passed; {@code seen} describes what was observed, for the failure message.
     */
    public static void await(String what, Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> seen) {
        try {
            // the condition polls consumers, which are not thread-safe: evaluate it in the test's own thread
            Awaitility.await(what).atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(10))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; seen " + seen.get(), e);
        }
    }

    @Test
    void outageOfCatalogServicesBecomesHealthChangesAcrossARestartWithoutDuplicates() throws Exception {
        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        List<CatalogEntry> catalog = STACK.publishProjectCatalog(registry);
        StreamsAppConfig config = new StreamsAppConfig(stack.bootstrapServers(), RegistryConfig.of(stack.registryUrl(), true),
                stack.topics(), "faultline-streams-it", workDir.resolve("streams-state"), PipelineSettings.defaults());

        List<Timed> first = input(stack.topics(), 0, RESTART_AT_MINUTE);
        List<Timed> second = input(stack.topics(), RESTART_AT_MINUTE, MINUTES);
        // replay overlap: the last five minutes before the restart are sent again after it
        List<Timed> overlap = first.subList(first.size() - 5 * 4 * 6, first.size());

        List<ServiceHealth> health = new ArrayList<>();
        List<ServiceSignal> signals = new ArrayList<>();
        try (KafkaConsumer<String, ServiceHealth> hc = consumer(stack, stack.topics().serviceHealth, registry, "it-health");
             KafkaConsumer<String, ServiceSignal> sc = consumer(stack, stack.topics().signals, registry, "it-signals")) {
            try (StreamsApp app = StreamsApp.start(config)) {
                produce(stack, registry, first);
                await("affected services impaired in the live view", Duration.ofSeconds(120), () -> {
                    hc.poll(Duration.ofMillis(200)).forEach(r -> health.add(r.value()));
                    return app.state() == KafkaStreams.State.RUNNING && safeImpaired(app).containsAll(AFFECTED);
                }, () -> "health changes " + health);
                assertThat(safeImpaired(app)).doesNotContain("netflix");
            }
            try (StreamsApp app = StreamsApp.start(config)) {
                produce(stack, registry, overlap);
                produce(stack, registry, second);
                await("every affected service and the region back UP", Duration.ofSeconds(120), () -> {
                    hc.poll(Duration.ofMillis(200)).forEach(r -> health.add(r.value()));
                    return AFFECTED.stream().allMatch(s -> lastState(health, s) == HealthState.UP)
                            && lastState(health, "aws/us-east-1") == HealthState.UP;
                }, () -> "health changes " + health);
            }
            int expectedSignals = offlineSignalCount(catalog, first, overlap, second);
            await("all signals", Duration.ofSeconds(60), () -> {
                sc.poll(Duration.ofMillis(200)).forEach(r -> signals.add(r.value()));
                return signals.size() >= expectedSignals;
            }, () -> signals.size() + " of " + expectedSignals + " signals");
            sc.poll(Duration.ofSeconds(2)).forEach(r -> signals.add(r.value()));
            assertThat(signals).hasSize(expectedSignals);
        }
        // the same health changes as one uninterrupted run of the same input, each within one
        // tick of it: the health tasks tick on their own partition's stream time, and the order
        // in which the two normalise tasks' signals interleave on a partition varies run to run
        List<ServiceHealth> uninterrupted = offlineHealth(catalog, first, overlap, second);
        Duration tick = PipelineSettings.defaults().health().tick();
        for (String s : health.stream().map(ServiceHealth::getServiceId).collect(java.util.stream.Collectors.toSet())) {
            assertThat(transitions(health, s)).as(s).isEqualTo(transitions(uninterrupted, s));
            List<ServiceHealth> mine = health.stream().filter(h -> h.getServiceId().equals(s)).toList();
            List<ServiceHealth> theirs = uninterrupted.stream().filter(h -> h.getServiceId().equals(s)).toList();
            for (int i = 0; i < mine.size(); i++) {
                assertThat(Duration.between(theirs.get(i).getEventTime(), mine.get(i).getEventTime()).abs())
                        .as(s + " change " + i).isLessThanOrEqualTo(tick);
            }
        }
        assertThat(health).hasSameSizeAs(uninterrupted);
        Set<String> ids = new HashSet<>();
        signals.forEach(s -> assertThat(ids.add(s.getSignalId())).as("duplicate signal " + s.getSignalId()).isTrue());

        for (String s : AFFECTED) {
            List<ServiceHealth> mine = health.stream().filter(h -> h.getServiceId().equals(s)).toList();
            assertThat(mine).as(s).extracting(ServiceHealth::getState).contains(HealthState.DOWN).endsWith(HealthState.UP);
            assertThat(mine.get(0).getEventTime()).as(s).isBetween(OUTAGE_START, OUTAGE_START.plus(Duration.ofMinutes(3)));
            for (int i = 1; i < mine.size(); i++) {
                assertThat(mine.get(i).getPreviousState()).as(s + " emits changes only, once each")
                        .isEqualTo(mine.get(i - 1).getState());
            }
        }
        assertThat(health).extracting(ServiceHealth::getServiceId).doesNotContain("netflix");
        assertThat(health).filteredOn(h -> h.getServiceId().equals("aws/us-east-1")).extracting(ServiceHealth::getState)
                .containsExactly(HealthState.DEGRADED, HealthState.UP);
    }

    private static List<String> safeImpaired(StreamsApp app) {
        try {
            return app.view().impaired().stream().map(ServiceHealth::getServiceId).toList();
        } catch (org.apache.kafka.streams.errors.InvalidStateStoreException e) {
            return List.of(); // rebalancing: the store is not queryable yet
        }
    }

    private static HealthState lastState(List<ServiceHealth> health, String service) {
        HealthState last = null;
        for (ServiceHealth h : health) {
            if (h.getServiceId().equals(service)) {
                last = h.getState();
            }
        }
        return last;
    }

    @SafeVarargs
    private static int offlineSignalCount(List<CatalogEntry> catalog, List<Timed>... parts) {
        int[] n = {0};
        OfflinePipeline offline = new OfflinePipeline(catalog, PipelineSettings.defaults(), s -> n[0]++, h -> { });
        for (List<Timed> part : parts) {
            part.forEach(t -> offline.accept(t.value(), t.time()));
        }
        return n[0];
    }

    /** The health changes the same input gives without a broker or a restart. */
    @SafeVarargs
    private static List<ServiceHealth> offlineHealth(List<CatalogEntry> catalog, List<Timed>... parts) {
        List<ServiceHealth> out = new ArrayList<>();
        OfflinePipeline offline = new OfflinePipeline(catalog, PipelineSettings.defaults(), s -> { }, out::add);
        for (List<Timed> part : parts) {
            part.forEach(t -> offline.accept(t.value(), t.time()));
        }
        return out;
    }

    private static List<String> transitions(List<ServiceHealth> health, String service) {
        return health.stream().filter(h -> h.getServiceId().equals(service))
                .map(h -> h.getPreviousState() + "->" + h.getState()).toList();
    }
}
