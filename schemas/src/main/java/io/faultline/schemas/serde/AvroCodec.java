package io.faultline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Encodes and decodes one generated Avro type in the Confluent wire format against a schema
 * registry. Writers use the class's own schema under the topic's value subject
 * (TopicNameStrategy); readers resolve whatever writer schema the id names into the class's
 * schema, so producers may run a newer BACKWARD-compatible schema than consumers.
 *
 * <p>Thread-safe: the registry caches are concurrent and Avro readers/writers are created per
 * writer schema and reused.
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final SchemaRegistry registry;
    private final Class<T> type;
    private final Schema readerSchema;
    private final SpecificDatumWriter<T> writer;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    public AvroCodec(SchemaRegistry registry, Class<T> type) {
        this.registry = registry;
        this.type = type;
        this.readerSchema = SpecificData.get().getSchema(type);
        this.writer = new SpecificDatumWriter<>(readerSchema);
    }

    public Class<T> type() {
        return type;
    }

    public Schema schema() {
        return readerSchema;
    }

    /** Frames {@code record} for {@code topic}: 0, schema id, Avro binary. */
    public byte[] encode(String topic, T record) {
        int id = registry.idFor(topic, SchemaRegistry.valueSubject(topic), readerSchema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerdeException(SerdeException.Kind.UNENCODABLE, topic,
                    "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Reads a framed payload written with any registered, compatible schema. */
    public T decode(String topic, byte[] payload) {
        int id = ConfluentWireFormat.schemaId(topic, payload);
        DatumReader<T> reader = readers.computeIfAbsent(id, i -> readerFor(topic, i));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, ConfluentWireFormat.HEADER_SIZE,
                payload.length - ConfluentWireFormat.HEADER_SIZE, null);
        try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerdeException(SerdeException.Kind.UNDECODABLE, topic,
                        "trailing bytes after a " + type.getSimpleName() + " written with schema id " + id);
            }
            return value;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new SerdeException(SerdeException.Kind.UNDECODABLE, topic,
                    "bytes are not a valid " + type.getSimpleName() + " for schema id " + id + ": " + e, e);
        }
    }

    private DatumReader<T> readerFor(String topic, int id) {
        Schema writerSchema = registry.schemaById(topic, id);
        SchemaCompatibility.SchemaPairCompatibility compat =
                SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerdeException(SerdeException.Kind.INCOMPATIBLE_SCHEMA, topic,
                    "schema id " + id + " (" + writerSchema.getFullName() + ") cannot be read as "
                            + readerSchema.getFullName() + ": " + compat.getDescription());
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema);
    }
}
