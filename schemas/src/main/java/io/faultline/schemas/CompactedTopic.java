package io.faultline.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reading a compacted state topic from its beginning to the end it had when reading started, the
 * way a stage restores what it last wrote before it begins: every partition assigned (no group),
 * every record handed over in partition order, and a reader that cannot catch up in time fails
 * instead of starting from a partial state.
 */
public final class CompactedTopic {

    private CompactedTopic() {
    }

    /**
     * Hands every record of {@code topic} to {@code each}, up to the end offsets seen at the start.
     * A topic that does not exist yet has no partitions and yields nothing.
     *
     * @param consumer the consumer's settings (bootstrap servers, client id, isolation level ...);
     *                 keys are read as strings, values as bytes
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public static void readToEnd(Properties consumer, String topic, Duration timeout,
                                 Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (partitions.isEmpty()) {
                return;
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (!end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                c.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
