package io.faultline.core.correlation;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A change of one service's health, in event time.
 *
 * @param serviceId  catalog id; an update for a non-service entity (a provider, a region) is that
 *                   component's own measured health and is used as timing evidence for it
 * @param state      new health level
 * @param confidence confidence in the new level, 0..1; impairments below
 *                   {@link CorrelationConfig#minConfidence()} are not counted
 * @param time       event time from which the level holds
 * @param region     provider region the impairment was reported in, or null (region gate)
 */
public record HealthUpdate(String serviceId, HealthLevel state, double confidence, Instant time, String region)
        implements CorrelationInput, Serializable {

    public HealthUpdate {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence of '" + serviceId + "' must be in [0, 1], was " + confidence);
        }
    }

    public static HealthUpdate of(String serviceId, HealthLevel state, Instant time) {
        return new HealthUpdate(serviceId, state, 1.0, time, null);
    }
}
