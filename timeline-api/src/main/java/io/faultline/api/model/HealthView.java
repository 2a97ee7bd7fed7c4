package io.faultline.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A change of one service's health (state holds from {@code since}). */
public record HealthView(String serviceId, String state, String previousState, double confidence, Instant since,
                         String region, List<EvidenceView> evidence, Instant eventTime) {

    public HealthView {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(eventTime, "eventTime");
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean isUp() {
        return "UP".equals(state);
    }
}
