package io.faultline.ingestion.replay;

import java.time.Instant;
import java.util.Objects;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageObservation;
import org.apache.avro.specific.SpecificRecord;

/**
 * One raw event as a replay carries it: the kind (which raw topic), the Kafka key, the event time
 * (used as the Kafka record timestamp) and the Avro value.
 */
public record RawEvent(RawKind kind, String key, Instant eventTime, SpecificRecord value) {

    public RawEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(value, "value");
        if (!kind.valueType().isInstance(value)) {
            throw new IllegalArgumentException(kind + " needs a " + kind.valueType().getSimpleName()
                    + ", got " + value.getClass().getSimpleName());
        }
    }

    /**
     * The event for {@code value} with the key and time the topics table prescribes: page id,
     * post id, target id, probe id; the record's own eventTime.
     */
    public static RawEvent of(SpecificRecord value) {
        RawKind kind = RawKind.of(value);
        return switch (kind) {
            case STATUS_PAGE -> {
                StatusPageObservation o = (StatusPageObservation) value;
                yield new RawEvent(kind, o.getPageId(), o.getEventTime(), o);
            }
            case SOCIAL -> {
                SocialPost p = (SocialPost) value;
                yield new RawEvent(kind, p.getPostId(), p.getEventTime(), p);
            }
            case PROBE -> {
                ProbeResult r = (ProbeResult) value;
                yield new RawEvent(kind, r.getTargetId(), r.getEventTime(), r);
            }
            case PROBE_CONNECTION -> {
                ProbeConnectionEvent e = (ProbeConnectionEvent) value;
                yield new RawEvent(kind, Long.toString(e.getProbeId()), e.getEventTime(), e);
            }
        };
    }
}
