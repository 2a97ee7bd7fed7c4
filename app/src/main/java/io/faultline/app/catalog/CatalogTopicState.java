package io.faultline.app.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.faultline.avro.CatalogEntry;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.schemas.serde.SerdeException;

/**
 * The catalog topic's current state: every key whose latest record is not a tombstone, read from
 * the beginning up to the end offsets taken at the start (no consumer group, nothing committed).
 * A value that cannot be decoded maps to null so that the caller can report it.
 */
final class CatalogTopicState {

    private static final Duration READ_LIMIT = Duration.ofMinutes(2);

    private CatalogTopicState() {
    }

    static Map<String, CatalogEntry> read(String bootstrapServers, Topics topics, SchemaRegistry registry) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var serde = topics.catalog.serde(registry);
        Map<String, CatalogEntry> live = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> parts = c.partitionsFor(topics.catalog.name(), Duration.ofSeconds(30));
            if (parts == null || parts.isEmpty()) {
                return live; // topic not created yet: nothing to prune
            }
            List<TopicPartition> tps = parts.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            Instant deadline = Instant.now().plus(READ_LIMIT);
            while (!caughtUp(c, end)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading " + topics.catalog.name() + " took longer than " + READ_LIMIT
                            + "; nothing was pruned");
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        live.remove(r.key());
                        continue;
                    }
                    try {
                        live.put(r.key(), serde.deserialize(r.topic(), r.value()));
                    } catch (SerdeException e) {
                        if (e.kind() == SerdeException.Kind.REGISTRY_UNAVAILABLE) {
                            throw e; // transient: the record is fine, pruning must not guess
                        }
                        live.put(r.key(), null);
                    }
                }
            }
        }
        return live;
    }

    private static boolean caughtUp(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }
}
