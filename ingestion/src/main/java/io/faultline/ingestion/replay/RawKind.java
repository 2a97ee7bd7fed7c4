package io.faultline.ingestion.replay;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageObservation;
import io.faultline.schemas.Topics;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** The four kinds of raw event a replay carries, each bound to its raw topic and Avro type. */
public enum RawKind {
    STATUS_PAGE(StatusPageObservation.class),
    SOCIAL(SocialPost.class),
    PROBE(ProbeResult.class),
    PROBE_CONNECTION(ProbeConnectionEvent.class);

    private final Class<? extends SpecificRecord> valueType;
    private final Schema schema;

    RawKind(Class<? extends SpecificRecord> valueType) {
        this.valueType = valueType;
        this.schema = SpecificData.get().getSchema(valueType);
    }

    /** The raw topic this kind is produced to. */
    public Topics.Topic<?> topic(Topics topics) {
        return switch (this) {
            case STATUS_PAGE -> topics.rawStatusPage;
            case SOCIAL -> topics.rawSocial;
            case PROBE -> topics.rawProbe;
            case PROBE_CONNECTION -> topics.rawProbeConnection;
        };
    }

    public Class<? extends SpecificRecord> valueType() {
        return valueType;
    }

    /** The schema of the generated class (what this build writes). */
    public Schema schema() {
        return schema;
    }

    /** The kind whose value type is {@code value}'s class. */
    public static RawKind of(SpecificRecord value) {
        for (RawKind k : values()) {
            if (k.valueType.isInstance(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a raw event type: " + value.getClass().getName()
                + " (expected StatusPageObservation, SocialPost, ProbeResult or ProbeConnectionEvent)");
    }

    /** The kind whose Avro full name is {@code fullName}, or null. */
    public static RawKind bySchemaName(String fullName) {
        for (RawKind k : values()) {
            if (k.schema.getFullName().equals(fullName)) {
                return k;
            }
        }
        return null;
    }

    /** The kind of a raw topic name under {@code topics}, or null. */
    public static RawKind byTopic(Topics topics, String topic) {
        for (RawKind k : values()) {
            if (k.topic(topics).name().equals(topic)) {
                return k;
            }
        }
        return null;
    }
}
