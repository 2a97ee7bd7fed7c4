package io.faultline.core.correlation;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an incident's evidence timeline.
 *
 * @param time        event time the entry refers to (a member's first impaired time, a tick time ...)
 * @param serviceId   service concerned, or null
 * @param componentId component concerned, or null
 */
public record TimelineEntry(Instant time, TimelineKind kind, String message, String serviceId, String componentId)
        implements Serializable {

    public TimelineEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
