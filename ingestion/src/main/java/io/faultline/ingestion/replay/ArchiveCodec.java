package io.faultline.ingestion.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * One archive line per event (docs/replay-archive.md):
 * {@code {"kind":"PROBE","key":"…","eventTime":"…","schema":"io.faultline.avro.ProbeResult","value":{Avro JSON}}}.
 * Values use Avro's own JSON encoding, so an archive is readable with any Avro library given the
 * schema (kept in the manifest). Not thread-safe: one codec per reader or writer.
 */
final class ArchiveCodec {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<RawKind, SpecificDatumWriter<SpecificRecord>> writers = new EnumMap<>(RawKind.class);
    private final Map<RawKind, JsonEncoder> encoders = new EnumMap<>(RawKind.class);
    private final Map<RawKind, SpecificDatumReader<SpecificRecord>> readers = new EnumMap<>(RawKind.class);
    private final Map<RawKind, Schema> writerSchemas = new EnumMap<>(RawKind.class);
    private final Map<RawKind, JsonDecoder> decoders = new EnumMap<>(RawKind.class);
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);

    /** A codec that reads values written with this build's schemas. */
    ArchiveCodec() {
        this(Map.of());
    }

    /**
     * A codec that reads values written with {@code archiveSchemas} (by full name, from the
     * manifest) and resolves them into this build's classes, so older archives stay readable.
     */
    ArchiveCodec(Map<String, Schema> archiveSchemas) {
        for (RawKind k : RawKind.values()) {
            Schema writer = archiveSchemas.getOrDefault(k.schema().getFullName(), k.schema());
            SchemaCompatibility.SchemaPairCompatibility c =
                    SchemaCompatibility.checkReaderWriterCompatibility(k.schema(), writer);
            if (c.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new IllegalArgumentException("archive schema " + writer.getFullName()
                        + " cannot be read by this build: " + c.getDescription());
            }
            writerSchemas.put(k, writer);
        }
    }

    /** The line for {@code e}, without the newline. */
    String encode(RawEvent e) {
        try {
            buffer.reset();
            JsonEncoder encoder = encoders.get(e.kind());
            if (encoder == null) {
                encoder = EncoderFactory.get().jsonEncoder(e.kind().schema(), buffer);
                encoders.put(e.kind(), encoder);
            } else {
                encoder.configure(buffer);
            }
            writers.computeIfAbsent(e.kind(), k -> new SpecificDatumWriter<>(k.schema())).write(e.value(), encoder);
            encoder.flush();
            return "{\"kind\":\"" + e.kind().name() + "\",\"key\":" + JSON.writeValueAsString(e.key())
                    + ",\"eventTime\":\"" + e.eventTime() + "\",\"schema\":\"" + e.kind().schema().getFullName()
                    + "\",\"value\":" + buffer.toString(StandardCharsets.UTF_8) + "}";
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException ex) {
            throw new IllegalArgumentException("cannot encode " + e.kind() + " " + e.key() + ": " + ex.getMessage(), ex);
        }
    }

    /** The event on {@code line}; throws {@link BadLine} with the error type and reason. */
    RawEvent decode(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException ex) {
            throw new BadLine("PARSE_ERROR", "not JSON: " + ex.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new BadLine("PARSE_ERROR", "not a JSON object");
        }
        String kindText = text(n, "kind");
        RawKind kind;
        try {
            kind = RawKind.valueOf(kindText);
        } catch (IllegalArgumentException ex) {
            throw new BadLine("INVALID_FIELD", "field 'kind' '" + kindText + "' is not one of STATUS_PAGE, SOCIAL, PROBE, PROBE_CONNECTION");
        }
        String schemaName = text(n, "schema");
        if (!kind.schema().getFullName().equals(schemaName)) {
            throw new BadLine("UNKNOWN_SCHEMA", "schema '" + schemaName + "' does not match kind " + kind
                    + " (expected " + kind.schema().getFullName() + ")");
        }
        String key = text(n, "key");
        Instant eventTime;
        try {
            eventTime = Instant.parse(text(n, "eventTime"));
        } catch (DateTimeParseException ex) {
            throw new BadLine("INVALID_FIELD", "field 'eventTime' is not an ISO-8601 instant: " + ex.getParsedString());
        }
        JsonNode value = n.get("value");
        if (value == null || !value.isObject()) {
            throw new BadLine("MISSING_FIELD", "missing field 'value' (an object)");
        }
        SpecificRecord record;
        try {
            String valueJson = value.toString();
            JsonDecoder decoder = decoders.get(kind);
            if (decoder == null) {
                decoder = DecoderFactory.get().jsonDecoder(writerSchemas.get(kind), valueJson);
                decoders.put(kind, decoder);
            } else {
                decoder.configure(valueJson);
            }
            record = readers.computeIfAbsent(kind, k -> new SpecificDatumReader<>(writerSchemas.get(k), k.schema()))
                    .read(null, decoder);
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException
                 | IndexOutOfBoundsException | NumberFormatException ex) {
            throw new BadLine("UNDECODABLE", "value is not a valid " + kind.schema().getName() + " in Avro JSON: " + ex.getMessage());
        }
        RawEvent own = RawEvent.of(record);
        if (!own.eventTime().equals(eventTime)) {
            throw new BadLine("INVALID_FIELD", "eventTime " + eventTime + " differs from the value's own eventTime " + own.eventTime());
        }
        return new RawEvent(kind, key, eventTime, record);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new BadLine("MISSING_FIELD", "missing field '" + field + "'");
        }
        if (!v.isTextual() || v.asText().isEmpty()) {
            throw new BadLine("INVALID_FIELD", "field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    /** Schemas by full name from a manifest's {@code schemas} object. */
    static Map<String, Schema> schemasOf(JsonNode manifestSchemas) {
        Map<String, Schema> out = new HashMap<>();
        if (manifestSchemas == null || !manifestSchemas.isObject()) {
            return out;
        }
        manifestSchemas.fields().forEachRemaining(e -> {
            JsonNode s = e.getValue().get("schema");
            if (s != null) {
                out.put(e.getKey(), new Schema.Parser().parse(s.toString()));
            }
        });
        return out;
    }

    /** A line that is not an event, with the reason. */
    static final class BadLine extends RuntimeException {
        final String errorType;

        BadLine(String errorType, String reason) {
            super(reason, null, false, false);
            this.errorType = errorType;
        }
    }
}
