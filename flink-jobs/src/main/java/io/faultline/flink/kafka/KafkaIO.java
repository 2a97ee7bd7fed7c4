package io.faultline.flink.kafka;

import java.time.Instant;
import java.util.Properties;

import io.faultline.avro.DeadLetter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Builds the Kafka sources and sinks every Faultline job uses: sources read committed records
 * as raw bytes (decoded downstream so bad records reach the dead-letter topic), sinks write
 * Confluent-framed Avro exactly once.
 */
public final class KafkaIO {

    /** Must stay below the broker's transaction.max.timeout.ms (15 min by default). */
    static final String TRANSACTION_TIMEOUT_MS = String.valueOf(60_000);

    private final String bootstrapServers;
    private final RegistryRef registry;

    public KafkaIO(String bootstrapServers, RegistryRef registry) {
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
    }

    public RegistryRef registry() {
        return registry;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Reads {@code topic} from the earliest offset, committed records only. Unbounded unless {@code bounded}. */
    public KafkaSource<RawKafkaRecord> source(String topic, String groupId, boolean bounded) {
        var builder = KafkaSource.<RawKafkaRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new RawRecordDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Reads {@code topic} from {@code start}, committed records only; bounded at {@code stop} (for
     * example {@link OffsetsInitializer#timestamp} for a time range), or unbounded when it is null.
     */
    public KafkaSource<RawKafkaRecord> source(String topic, String groupId, OffsetsInitializer start,
                                              OffsetsInitializer stop) {
        var builder = KafkaSource.<RawKafkaRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(start)
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new RawRecordDeserializer());
        if (stop != null) {
            builder.setBounded(stop);
        }
        return builder.build();
    }

    /** Exactly-once sink of {@code T} into {@code topic}. */
    public <T extends SpecificRecordBase> KafkaSink<T> sink(String topic, Class<T> type, String transactionalIdPrefix,
                                                             SerializableFunction<T, String> key,
                                                             SerializableFunction<T, Instant> eventTime) {
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setRecordSerializer(new AvroRecordSerializer<>(topic, registry, type, key, eventTime))
                .build();
    }

    /** Exactly-once sink of dead letters, keyed by their source. */
    public KafkaSink<DeadLetter> deadLetterSink(String topic, String transactionalIdPrefix) {
        return sink(topic, DeadLetter.class, transactionalIdPrefix, DeadLetter::getSource, DeadLetter::getEventTime);
    }
}
