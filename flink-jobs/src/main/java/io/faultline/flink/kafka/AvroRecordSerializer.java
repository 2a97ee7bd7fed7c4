package io.faultline.flink.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.faultline.schemas.serde.AvroCodec;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes {@code T} to one topic: key = an id (UTF-8), value = Confluent-framed Avro, timestamp = event time. */
public final class AvroRecordSerializer<T extends SpecificRecordBase> implements KafkaRecordSerializationSchema<T> {

    private final String topic;
    private final RegistryRef registry;
    private final Class<T> type;
    private final SerializableFunction<T, String> key;
    private final SerializableFunction<T, Instant> eventTime;
    private transient AvroCodec<T> codec;

    public AvroRecordSerializer(String topic, RegistryRef registry, Class<T> type,
                                SerializableFunction<T, String> key, SerializableFunction<T, Instant> eventTime) {
        this.topic = topic;
        this.registry = registry;
        this.type = type;
        this.key = key;
        this.eventTime = eventTime;
    }

    @Override
    public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext) {
        codec = new AvroCodec<>(registry.connect(), type);
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, eventTime.apply(element).toEpochMilli(),
                key.apply(element).getBytes(StandardCharsets.UTF_8), codec.encode(topic, element));
    }
}
