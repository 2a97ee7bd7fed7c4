package io.faultline.schemas.serde;

/**
 * A record could not be turned into bytes or back. Callers route the record to the dead-letter
 * topic with {@link #kind()} as the error type; a broken payload stays broken, so nothing is
 * retried here (only {@link SchemaRegistry} retries a registry's brief 5xx before reporting
 * {@code REGISTRY_UNAVAILABLE}).
 */
public final class SerdeException extends RuntimeException {

    /** Why (de)serialisation failed; the name is what lands in DeadLetter.errorType. */
    public enum Kind {
        /** Fewer than the 5 header bytes of the Confluent wire format. */
        TRUNCATED,
        /** First byte is not the Confluent wire format's magic byte 0. */
        UNKNOWN_MAGIC_BYTE,
        /** The registry does not know the schema id in the header. */
        UNKNOWN_SCHEMA_ID,
        /** The writer schema cannot be read into the reader's schema. */
        INCOMPATIBLE_SCHEMA,
        /** Header is fine but the Avro body is not valid for the writer schema. */
        UNDECODABLE,
        /** The schema is not registered and auto-registration is off. */
        SCHEMA_NOT_REGISTERED,
        /** The registry could not be reached or answered with a server error. */
        REGISTRY_UNAVAILABLE,
        /** The record could not be encoded (a required field is null, ...). */
        UNENCODABLE
    }

    private final Kind kind;
    private final String topic;

    public SerdeException(Kind kind, String topic, String message, Throwable cause) {
        super(kind + " on topic '" + topic + "': " + message, cause);
        this.kind = kind;
        this.topic = topic;
    }

    public SerdeException(Kind kind, String topic, String message) {
        this(kind, topic, message, null);
    }

    public Kind kind() {
        return kind;
    }

    public String topic() {
        return topic;
    }
}
