package io.faultline.flink.kafka;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import io.faultline.avro.DeadLetter;
import io.faultline.schemas.serde.AvroCodec;
import io.faultline.schemas.serde.SerdeException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decodes raw Kafka records into {@code T} through the schema registry. A record that cannot be
 * decoded (wrong magic byte, unknown schema id, broken Avro) goes to {@link #DEAD_LETTERS} with
 * its bytes and the reason; the records around it flow on. A null value (tombstone) is skipped.
 */
public final class DecodeOrDeadLetter<T extends SpecificRecordBase> extends ProcessFunction<RawKafkaRecord, T> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", new AvroTypeInfo<>(DeadLetter.class));

    private final RegistryRef registry;
    private final Class<T> type;
    private transient AvroCodec<T> codec;

    public DecodeOrDeadLetter(RegistryRef registry, Class<T> type) {
        this.registry = registry;
        this.type = type;
    }

    @Override
    public void open(OpenContext ctx) {
        codec = new AvroCodec<>(registry.connect(), type);
    }

    @Override
    public void processElement(RawKafkaRecord r, Context ctx, Collector<T> out) {
        if (r.value == null) {
            return;
        }
        try {
            out.collect(codec.decode(r.topic, r.value));
        } catch (SerdeException e) {
            if (e.kind() == SerdeException.Kind.REGISTRY_UNAVAILABLE) {
                throw e; // transient: fail and restart from the checkpoint rather than lose a good record
            }
            ctx.output(DEAD_LETTERS, DeadLetter.newBuilder()
                    .setSource(r.topic)
                    .setReason(e.getMessage())
                    .setErrorType(e.kind().name())
                    .setPayload(ByteBuffer.wrap(r.value))
                    .setKey(r.key == null ? null : ByteBuffer.wrap(r.key))
                    .setOriginalTopic(r.topic)
                    .setOriginalPartition(r.partition)
                    .setOriginalOffset(r.offset)
                    .setContext(Map.of("decoder", type.getSimpleName()))
                    .setEventTime(Instant.ofEpochMilli(r.timestamp))
                    .build());
        }
    }
}
