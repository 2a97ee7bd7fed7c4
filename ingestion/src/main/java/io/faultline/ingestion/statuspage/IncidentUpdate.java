package io.faultline.ingestion.statuspage;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One update of an incident or maintenance (a Statuspage {@code incident_update}, a paragraph of
 * a Statuspage Atom entry, an RSS item, a GCP update).
 *
 * @param id                 stable id of the update on its page; the change detector emits each id once
 * @param body               plain text (HTML stripped); null in stored state, where bodies are dropped
 * @param affectedComponents names of the components the update lists as affected, possibly empty
 * @param worstStatus        worst new status among the affected components, null when not stated
 */
public record IncidentUpdate(String id, IncidentStatus status, String body, Instant createdAt, Instant updatedAt,
                             List<String> affectedComponents, ComponentStatus worstStatus) {

    public IncidentUpdate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        affectedComponents = affectedComponents == null ? List.of() : List.copyOf(affectedComponents);
    }

    /** The same update without its text, for the state kept between polls. */
    public IncidentUpdate withoutBody() {
        return new IncidentUpdate(id, status, null, createdAt, updatedAt, affectedComponents, worstStatus);
    }

    /** The same update with another status. */
    public IncidentUpdate withStatus(IncidentStatus newStatus) {
        return new IncidentUpdate(id, newStatus, body, createdAt, updatedAt, affectedComponents, worstStatus);
    }
}
