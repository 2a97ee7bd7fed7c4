package io.faultline.app.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads what a streams application wrote to the signals and service-health topics
 * (read_committed), and knows when it has read everything the application will write for the
 * raw records produced so far: not a quiet period, but the application's own committed offsets.
 * Under exactly-once an input offset is committed in the same transaction as the output it
 * caused, so (1) every raw offset committed by the application means every signal is committed;
 * (2) every signal offset committed means every health change is committed; and a read_committed
 * consumer at the topic's last stable offset has read it.
 */
final class StreamsOutputs implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String applicationId;
    private final Topics topics;
    private final Admin admin;
    private final KafkaConsumer<String, ServiceSignal> signalConsumer;
    private final KafkaConsumer<String, ServiceHealth> healthConsumer;
    private final List<ServiceSignal> signals = new ArrayList<>();
    private final List<ServiceHealth> health = new ArrayList<>();
    private final Map<TopicPartition, Long> nextSignalOffset = new HashMap<>();

    StreamsOutputs(EmbeddedStack stack, SchemaRegistry registry, String applicationId) {
        this(stack, stack.topics(), registry, applicationId);
    }

    /** An application reading and writing {@code topics} (another prefix than the stack's). */
    StreamsOutputs(EmbeddedStack stack, Topics topics, SchemaRegistry registry, String applicationId) {
        this.applicationId = applicationId;
        this.topics = topics;
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        this.admin = Admin.create(a);
        this.signalConsumer = consumer(stack, topics.signals, registry);
        this.healthConsumer = consumer(stack, topics.serviceHealth, registry);
    }

    /** Every signal read so far, in partition order. */
    List<ServiceSignal> signals() {
        return signals;
    }

    /** Every health change read so far; one entity's changes are in the order they were made (keyed by entity). */
    List<ServiceHealth> health() {
        return health;
    }

    /** Reads until the application has processed every raw record on the broker and all its output is read. */
    void awaitCaughtUp(Duration timeout) throws InterruptedException, ExecutionException {
        List<TopicPartition> raw = new ArrayList<>();
        for (Topics.Topic<?> t : topics.raw()) {
            raw.addAll(partitions(t.name()));
        }
        Map<TopicPartition, Long> rawEnd = endOffsets(raw);
        await(timeout, () -> "the streams app to commit every raw record: committed " + committed(raw) + ", end " + rawEnd,
                () -> atLeast(committed(raw), rawEnd));
        await(timeout, () -> "every committed signal", () -> readToEnd(signalConsumer));
        Map<TopicPartition, Long> signalsRead = Map.copyOf(nextSignalOffset);
        List<TopicPartition> signalPartitions = List.copyOf(signalsRead.keySet());
        await(timeout, () -> "the health stage to commit every signal: committed " + committed(signalPartitions) + ", read "
                + signalsRead, () -> atLeast(committed(signalPartitions), signalsRead));
        await(timeout, () -> "every committed health change", () -> readToEnd(healthConsumer));
    }

    private void pollBoth() {
        for (ConsumerRecord<String, ServiceSignal> r : signalConsumer.poll(POLL)) {
            signals.add(r.value());
            nextSignalOffset.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
        healthConsumer.poll(POLL).forEach(r -> health.add(r.value()));
    }

    private boolean readToEnd(KafkaConsumer<String, ?> c) {
        pollBoth();
        // a read_committed consumer's end offsets are the last stable offsets
        Map<TopicPartition, Long> end = c.endOffsets(c.assignment());
        return end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }

    private static boolean atLeast(Map<TopicPartition, Long> have, Map<TopicPartition, Long> want) {
        return want.entrySet().stream().allMatch(e -> have.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private Map<TopicPartition, Long> committed(List<TopicPartition> tps) {
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> out = new HashMap<>();
            tps.forEach(tp -> {
                OffsetAndMetadata o = all.get(tp);
                out.put(tp, o == null ? 0L : o.offset());
            });
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing the offsets of " + applicationId, e.getCause());
        }
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> tps) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> spec = new HashMap<>();
        tps.forEach(tp -> spec.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(spec).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private List<TopicPartition> partitions(String topic) throws InterruptedException, ExecutionException {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Polls the outputs until {@code condition} holds; fails naming {@code what} (and where things stand) after {@code timeout}. */
    private void await(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        try {
            // the consumers are not thread-safe: poll them in the test's own thread
            Awaitility.await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                pollBoth();
                return condition.getAsBoolean();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("timed out waiting for " + what.get(), e);
        }
    }

    private static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(EmbeddedStack stack, Topics.Topic<V> topic,
                                                                               SchemaRegistry registry) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), topic.serde(registry));
        List<TopicPartition> tps = c.partitionsFor(topic.name()).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(tps);
        c.seekToBeginning(tps);
        return c;
    }

    @Override
    public void close() {
        signalConsumer.close();
        healthConsumer.close();
        admin.close();
    }
}
