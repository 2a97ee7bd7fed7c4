package io.faultline.core.correlation;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A service impaired as part of an incident.
 *
 * @param state    latest health of the member
 * @param joinedAt first impaired time
 * @param leftAt   recovery time, or null while still impaired
 * @param region   region its impairment was reported in, or null
 */
public record IncidentMember(String serviceId, HealthLevel state, Instant joinedAt, Instant leftAt, String region)
        implements Serializable {

    public IncidentMember {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    public boolean isActive() {
        return leftAt == null;
    }
}
