package io.faultline.app.discover;

import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A bounded read of the service-health and signals topics: from the beginning (or the first
 * record at or after {@code from}) up to the end offsets seen when the read starts, read_committed,
 * without a consumer group. Records that cannot be decoded (or break the
 * domain's invariants) are counted and reported, not used: this
 * is a read-only tool, and the pipeline already dead-lettered what it could not handle.
 */
public final class TopicHealthHistory {

    private TopicHealthHistory() {
    }

    public static HealthHistory read(String bootstrapServers, Topics topics, SchemaRegistry registry, DependencyGraph graph,
                                     Instant from, Duration timeout) {
        HealthHistory.Builder b = new HealthHistory.Builder(graph);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            long undecodable = drain(consumer, topics.serviceHealth.name(), topics.serviceHealth.serde(registry).deserializer(),
                    b::health, from, timeout);
            b.source(topics.serviceHealth.name() + ": " + b.healthCount() + " health changes"
                    + (undecodable > 0 ? ", " + undecodable + " undecodable (skipped)" : ""));
            long before = b.signalCount();
            undecodable = drain(consumer, topics.signals.name(), topics.signals.serde(registry).deserializer(), b::signal,
                    from, timeout);
            b.source(topics.signals.name() + ": " + (b.signalCount() - before) + " component status-page signals"
                    + (undecodable > 0 ? ", " + undecodable + " undecodable (skipped)" : ""));
        }
        return b.build();
    }

    /** Reads one topic up to its end offsets at the start; returns the number of undecodable records. */
    private static <V> long drain(KafkaConsumer<byte[], byte[]> consumer, String topic, Deserializer<V> values,
                                  Consumer<V> sink, Instant from, Duration timeout) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        if (from == null) {
            consumer.seekToBeginning(partitions);
        } else {
            Map<TopicPartition, Long> at = new HashMap<>();
            partitions.forEach(tp -> at.put(tp, from.toEpochMilli()));
            consumer.offsetsForTimes(at, timeout).forEach((tp, o) -> {
                if (o == null) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, o.offset());
                }
            });
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long undecodable = 0;
        Instant deadline = Instant.now().plus(timeout);
        while (!reached(consumer, end)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(topic + ": not read to its end offsets " + end + " within " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.value() == null) {
                    continue;
                }
                try {
                    sink.accept(values.deserialize(topic, r.value()));
                } catch (RuntimeException e) { // SerdeException, or a record that breaks the domain's invariants
                    undecodable++;
                }
            }
        }
        return undecodable;
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (var e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
