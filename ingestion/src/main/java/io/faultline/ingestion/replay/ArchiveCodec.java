package io.faultline.ingestion.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
            // one encoder per kind on one buffer (Avro makes a new JSON factory per configure());
            // Jackson puts a space before each later root value, which strip() removes
            JsonEncoder encoder = encoders.get(e.kind());
            if (encoder == null) {
                encoder = EncoderFactory.get().jsonEncoder(e.kind().schema(), buffer);
                encoders.put(e.kind(), encoder);
            }
            writers.computeIfAbsent(e.kind(), k -> new SpecificDatumWriter<>(k.schema())).write(e.value(), encoder);
            encoder.flush();
            return "{\"kind\":\"" + e.kind().name() + "\",\"key\":" + JSON.writeValueAsString(e.key())
                    + ",\"eventTime\":\"" + e.eventTime() + "\",\"schema\":\"" + e.kind().schema().getFullName()
                    + "\",\"value\":" + buffer.toString(StandardCharsets.UTF_8).strip() + "}";
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException ex) {
            throw new IllegalArgumentException("cannot encode " + e.kind() + " " + e.key() + ": " + ex.getMessage(), ex);
        }
    }

    /** The event on {@code line}; throws {@link BadLine} with the error type and reason. */
    RawEvent decode(String line) {
        Header h = header(line);
        RawKind kind;
        try {
            kind = RawKind.valueOf(h.require("kind"));
        } catch (IllegalArgumentException ex) {
            throw new BadLine("INVALID_FIELD", "field 'kind' '" + h.fields.get("kind")
                    + "' is not one of STATUS_PAGE, SOCIAL, PROBE, PROBE_CONNECTION");
        }
        String schemaName = h.require("schema");
        if (!kind.schema().getFullName().equals(schemaName)) {
            throw new BadLine("UNKNOWN_SCHEMA", "schema '" + schemaName + "' does not match kind " + kind
                    + " (expected " + kind.schema().getFullName() + ")");
        }
        String key = h.require("key");
        Instant eventTime;
        try {
            eventTime = Instant.parse(h.require("eventTime"));
        } catch (DateTimeParseException ex) {
            throw new BadLine("INVALID_FIELD", "field 'eventTime' is not an ISO-8601 instant: " + ex.getParsedString());
        }
        if (h.value == null) {
            throw new BadLine("MISSING_FIELD", "missing field 'value' (an object)");
        }
        SpecificRecord record;
        try {
            JsonDecoder decoder = decoders.get(kind);
            if (decoder == null) {
                decoder = DecoderFactory.get().jsonDecoder(writerSchemas.get(kind), h.value);
                decoders.put(kind, decoder);
            } else {
                decoder.configure(h.value);
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

    /** The line's string fields and the raw text of its value object, in one streaming pass (no tree, no re-serialising). */
    private static Header header(String line) {
        Header h = new Header();
        try (JsonParser p = JSON.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadLine("PARSE_ERROR", "not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("value") && v == JsonToken.START_OBJECT) {
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    p.skipChildren();
                    int end = (int) p.currentLocation().getCharOffset();
                    h.value = line.substring(start, end);
                } else if (v == JsonToken.VALUE_STRING) {
                    h.fields.put(field, p.getText());
                } else {
                    h.fields.put(field, null);
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new BadLine("PARSE_ERROR", "not JSON: the object is not closed, or text follows it");
            }
        } catch (IOException ex) {
            throw new BadLine("PARSE_ERROR", "not JSON: "
                    + (ex instanceof JsonProcessingException j ? j.getOriginalMessage() : ex.getMessage()));
        }
        return h;
    }

    private static final class Header {
        final Map<String, String> fields = new HashMap<>();
        String value;

        String require(String field) {
            if (!fields.containsKey(field)) {
                throw new BadLine("MISSING_FIELD", "missing field '" + field + "'");
            }
            String v = fields.get(field);
            if (v == null || v.isEmpty()) {
                throw new BadLine("INVALID_FIELD", "field '" + field + "' must be a non-empty string");
            }
            return v;
        }
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
