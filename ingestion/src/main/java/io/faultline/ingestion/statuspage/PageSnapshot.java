package io.faultline.ingestion.statuspage;

import io.faultline.avro.StatusPageFormat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one read of a status page said: its components and its incidents / maintenances, in one
 * model for every format. It is also the state the poller keeps per page between reads (store
 * {@link #withoutBodies()}: ids, statuses and times are all {@link ChangeDetector} needs).
 *
 * <p>An endpoint that lists no components (incidents.json, a feed) gives an empty component
 * list; the change detector then keeps the components it already knew.
 *
 * @param pageId    catalog id of the page's owner, given by the caller (not the provider's own page id)
 * @param updatedAt when the page says it last changed; null when it does not say
 */
public record PageSnapshot(String pageId, String pageUrl, StatusPageFormat format, Instant updatedAt,
                           List<PageComponent> components, List<PageIncident> incidents) {

    public PageSnapshot {
        Objects.requireNonNull(pageId, "pageId");
        Objects.requireNonNull(format, "format");
        components = components == null ? List.of() : List.copyOf(components);
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
    }

    public Optional<PageComponent> component(String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public Optional<PageIncident> incident(String id) {
        return incidents.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** This snapshot without update texts: the small form to persist across restarts. */
    public PageSnapshot withoutBodies() {
        List<PageIncident> slim = incidents.stream()
                .map(i -> i.withUpdates(i.updates().stream().map(IncidentUpdate::withoutBody).toList()))
                .toList();
        return new PageSnapshot(pageId, pageUrl, format, updatedAt, components, slim);
    }
}
