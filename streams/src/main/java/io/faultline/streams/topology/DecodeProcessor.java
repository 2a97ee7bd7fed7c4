package io.faultline.streams.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

import io.faultline.avro.DeadLetter;
import io.faultline.schemas.serde.AvroCodec;
import io.faultline.schemas.serde.SerdeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes the bytes of one topic. A record that cannot be decoded becomes a DeadLetter with the
 * raw bytes, the reason and where it was read; the records around it flow on. Decoding here
 * rather than in a deserializer keeps the raw bytes and the offset for the dead letter.
 * A registry that cannot be reached is not the record's fault: that error is rethrown, so the
 * task fails and retries rather than dead-lettering good data.
 */
public final class DecodeProcessor<V extends SpecificRecord> implements FixedKeyProcessor<String, byte[], Decoded<V>> {

    private final AvroCodec<V> codec;
    private final String topic;
    private final Function<V, String> problem;
    private FixedKeyProcessorContext<String, Decoded<V>> context;

    public DecodeProcessor(AvroCodec<V> codec, String topic) {
        this(codec, topic, v -> null);
    }

    /** @param problem what is wrong with a decoded value that the stages after cannot use, or null */
    public DecodeProcessor(AvroCodec<V> codec, String topic, Function<V, String> problem) {
        this.codec = codec;
        this.topic = topic;
        this.problem = problem;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        byte[] bytes = record.value();
        if (bytes == null) {
            context.forward(record.withValue(new Decoded<>(null, deadLetter(record, "EMPTY", "record has no value (null)"))));
            return;
        }
        V value;
        try {
            value = codec.decode(topic, bytes);
        } catch (SerdeException e) {
            if (e.kind() == SerdeException.Kind.REGISTRY_UNAVAILABLE) {
                throw e;
            }
            context.forward(record.withValue(new Decoded<>(null, deadLetter(record, e.kind().name(), e.getMessage()))));
            return;
        }
        String wrong = problem.apply(value);
        context.forward(record.withValue(wrong == null ? new Decoded<>(value, null)
                : new Decoded<>(null, deadLetter(record, "INVALID", wrong))));
    }

    private DeadLetter deadLetter(FixedKeyRecord<String, byte[]> record, String errorType, String reason) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        return DeadLetter.newBuilder()
                .setSource("streams." + topic).setReason(reason).setErrorType(errorType)
                .setPayload(ByteBuffer.wrap(payload))
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setOriginalTopic(meta == null ? topic : meta.topic())
                .setOriginalPartition(meta == null ? null : meta.partition())
                .setOriginalOffset(meta == null ? null : meta.offset())
                .setContext(Map.of("stage", "decode"))
                .setEventTime(Instant.ofEpochMilli(record.timestamp()))
                .build();
    }
}
