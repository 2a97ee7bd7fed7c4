package io.faultline.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One incident (its latest revision) without members and timeline: what lists return.
 * provider and region come from the cause component id ({@link Locality}).
 */
public record IncidentView(String id, long revision, String state, String title, CauseView cause, String provider,
                           String region, List<String> serviceIds, int memberCount, int activeMemberCount,
                           Instant openedAt, Instant firstImpairedAt, Instant resolvedAt, Instant updatedAt) {

    public IncidentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        serviceIds = serviceIds == null ? List.of() : List.copyOf(serviceIds);
    }

    public boolean isOpen() {
        return !"RESOLVED".equals(state);
    }
}
