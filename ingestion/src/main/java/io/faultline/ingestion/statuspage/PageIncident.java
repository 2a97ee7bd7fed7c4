package io.faultline.ingestion.statuspage;

import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident or scheduled maintenance as last read, with all of its updates.
 *
 * @param updates            oldest first; every parser gives an incident at least one update, so
 *                           that "a new incident" is always "a new update" for the change detector
 * @param affectedComponents component names the incident as a whole lists (used when an update lists none)
 */
public record PageIncident(String id, String name, IncidentStatus status, IncidentImpact impact, boolean maintenance,
                           Instant createdAt, Instant updatedAt, List<String> affectedComponents,
                           List<IncidentUpdate> updates) {

    /** Oldest first; updates without a time keep their relative order at the end. */
    private static final Comparator<IncidentUpdate> CHRONOLOGICAL =
            Comparator.comparing(IncidentUpdate::createdAt, Comparator.nullsLast(Comparator.naturalOrder()));

    public PageIncident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(impact, "impact");
        affectedComponents = affectedComponents == null ? List.of() : List.copyOf(affectedComponents);
        updates = updates == null ? List.of() : updates.stream().sorted(CHRONOLOGICAL).toList();
    }

    /** The most recent update, if any. */
    public Optional<IncidentUpdate> latestUpdate() {
        return updates.isEmpty() ? Optional.empty() : Optional.of(updates.get(updates.size() - 1));
    }

    /** Resolved, post-mortem or completed: nothing more is expected to happen. */
    public boolean isClosed() {
        return status == IncidentStatus.RESOLVED || status == IncidentStatus.POSTMORTEM
                || status == IncidentStatus.COMPLETED;
    }

    public PageIncident withUpdates(List<IncidentUpdate> newUpdates) {
        return new PageIncident(id, name, status, impact, maintenance, createdAt, updatedAt, affectedComponents,
                newUpdates);
    }
}
