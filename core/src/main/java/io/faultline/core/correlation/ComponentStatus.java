package io.faultline.core.correlation;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a component's own status page says: trouble (any non-operational component status or an
 * open incident) or not, in event time. Strong evidence for attribution, and it confirms an
 * incident whose cause is this component.
 */
public record ComponentStatus(String componentId, boolean troubled, Instant time)
        implements CorrelationInput, Serializable {

    public ComponentStatus {
        Objects.requireNonNull(componentId, "componentId");
        Objects.requireNonNull(time, "time");
    }
}
