package io.faultline.app.demo;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Committed end offsets of a few topics, summed over partitions: a cheap progress figure for the
 * stages of the pipeline (transaction markers make it an upper bound on the record count).
 */
public final class TopicCounts implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;

    public TopicCounts(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Topic name → committed end offset summed over its partitions (0 when the topic does not exist yet). */
    public Map<String, Long> of(List<String> topics) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String topic : topics) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(5))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            long sum = 0;
            for (Long end : consumer.endOffsets(partitions, Duration.ofSeconds(5)).values()) {
                sum += end;
            }
            out.put(topic, sum);
        }
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
