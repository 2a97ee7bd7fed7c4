package io.faultline.bench.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The baseline: the same records copied topic-to-topic by one plain consumer and one plain producer
 * (bytes in, bytes out, no decoding), client defaults (so an idempotent producer with acks=all),
 * read_committed like the pipeline. The clock starts before the first poll and stops when the
 * producer's flush has returned with every record acknowledged; creating the clients is outside it.
 */
final class TopicCopy {

    /** What the copy did. */
    record Result(long records, Duration elapsed) {
    }

    private TopicCopy() {
    }

    static Result copy(String bootstrapServers, List<String> from, String to, long expected, Duration timeout) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : from) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            producer.partitionsFor(to); // metadata fetched before the clock starts, as the consumer's is
            Instant deadline = Instant.now().plus(timeout);
            long started = System.nanoTime();
            long copied = 0;
            while (copied < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("copy: " + copied + " of " + expected + " records within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    producer.send(new ProducerRecord<>(to, null, r.timestamp(), r.key(), r.value(), r.headers()), (m, e) -> {
                        if (e != null) {
                            failed.compareAndSet(null, e);
                        }
                    });
                    copied++;
                }
            }
            producer.flush();
            long elapsed = System.nanoTime() - started;
            if (failed.get() != null) {
                throw new IllegalStateException("copy: the broker refused a record: " + failed.get(), failed.get());
            }
            return new Result(copied, Duration.ofNanos(elapsed));
        }
    }
}
