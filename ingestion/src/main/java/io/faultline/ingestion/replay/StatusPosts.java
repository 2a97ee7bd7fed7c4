package io.faultline.ingestion.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.ObservationKind;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;

/**
 * The status posts of a timeline as INCIDENT observations at their documented times. A provider
 * post goes on the page of the component's owner (the region's provider: {@code aws/us-east-1} is on
 * {@code aws}'s page), with the component as {@code componentId}; a service post on the service's
 * page. The post text is kept verbatim; ids are prefixed {@value TimelineReplayGenerator#RECONSTRUCTED}
 * and the format is OTHER, because no page was read.
 */
final class StatusPosts {

    private final Timeline timeline;
    private final Map<String, CatalogEntry> catalog;

    StatusPosts(Timeline timeline, Map<String, CatalogEntry> catalog) {
        this.timeline = timeline;
        this.catalog = catalog;
    }

    List<RawEvent> observations(List<String> facts, List<String> skipped) {
        List<RawEvent> out = new ArrayList<>();
        int provider = 0;
        for (Timeline.StatusUpdate u : timeline.providerUpdates()) {
            if (inWindow(u, "providerStatusUpdates", skipped)) {
                out.add(RawEvent.of(providerPost(u, provider++)));
            }
        }
        int service = 0;
        for (Timeline.Impairment i : timeline.services()) {
            int n = 0;
            for (Timeline.StatusUpdate u : i.statusPageUpdates()) {
                if (inWindow(u, "services[" + i.serviceId() + "].statusPageUpdates", skipped)) {
                    out.add(RawEvent.of(servicePost(i, u, n++)));
                    service++;
                }
            }
        }
        out.sort(TimelineReplayGenerator.ORDER);
        facts.add(provider + " provider status posts (providerStatusUpdates[]) -> status-page observations at their documented times");
        facts.add(service + " service status posts (services[].statusPageUpdates[]) -> status-page observations");
        return out;
    }

    private boolean inWindow(Timeline.StatusUpdate u, String where, List<String> skipped) {
        if (u.time().isBefore(timeline.windowStart()) || !u.time().isBefore(timeline.windowEnd())) {
            skipped.add(where + " at " + u.time() + ": outside the replay window");
            return false;
        }
        return true;
    }

    private StatusPageObservation providerPost(Timeline.StatusUpdate u, int n) {
        CatalogEntry component = catalog.get(u.component());
        CatalogEntry owner = pageOwner(component);
        String pageId = owner != null ? owner.getEntityId() : u.component();
        String componentName = component != null ? component.getName() : u.component();
        return base(pageId, owner, u, n, u.component())
                .setComponentId(u.component())
                .setComponentName(componentName)
                .setComponentStatus(componentStatus(u.status(), null))
                .setIncidentImpact(impact(componentStatus(u.status(), null)))
                .setAffectedComponents(List.of(componentName))
                .build();
    }

    private StatusPageObservation servicePost(Timeline.Impairment i, Timeline.StatusUpdate u, int n) {
        CatalogEntry owner = catalog.get(i.serviceId());
        ComponentStatus status = componentStatus(u.status(), i.severity());
        return base(i.serviceId(), owner, u, n, i.serviceId())
                .setComponentStatus(status)
                .setIncidentImpact(impact(status))
                .build();
    }

    private StatusPageObservation.Builder base(String pageId, CatalogEntry owner, Timeline.StatusUpdate u, int n,
                                               String incidentOf) {
        String incidentId = TimelineReplayGenerator.RECONSTRUCTED + timeline.id() + ":" + incidentOf;
        return StatusPageObservation.newBuilder()
                .setObservationId(TimelineReplayGenerator.RECONSTRUCTED + timeline.id() + "/" + pageId + "/incident/"
                        + incidentOf + "/" + n)
                .setPageId(pageId)
                .setPageUrl(owner == null || owner.getStatusPageUrl() == null ? "" : owner.getStatusPageUrl())
                .setFormat(StatusPageFormat.OTHER)
                .setKind(ObservationKind.INCIDENT)
                .setIncidentId(incidentId)
                .setIncidentName(timeline.title() + " (reconstructed)")
                .setIncidentStatus(incidentStatus(u.phase() != null ? u.phase() : u.status()))
                .setUpdateBody(u.text())
                .setEventTime(u.time())
                .setObservedAt(u.time());
    }

    /** The entity whose status page carries {@code e}: itself, else the nearest ancestor with a page. */
    private CatalogEntry pageOwner(CatalogEntry e) {
        CatalogEntry at = e;
        while (at != null && at.getStatusPageUrl() == null && at.getParentId() != null) {
            at = catalog.get(at.getParentId());
        }
        return at != null && at.getStatusPageUrl() != null ? at : e;
    }

    /** A component-status word maps directly; a phase word (a post that gives none) maps from the severity. */
    static ComponentStatus componentStatus(String status, String severity) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "operational", "resolved" -> ComponentStatus.OPERATIONAL;
            case "degraded_performance" -> ComponentStatus.DEGRADED_PERFORMANCE;
            case "partial_outage" -> ComponentStatus.PARTIAL_OUTAGE;
            case "major_outage" -> ComponentStatus.MAJOR_OUTAGE;
            default -> "down".equals(severity) ? ComponentStatus.MAJOR_OUTAGE
                    : "degraded".equals(severity) ? ComponentStatus.DEGRADED_PERFORMANCE : ComponentStatus.UNKNOWN;
        };
    }

    static IncidentStatus incidentStatus(String phase) {
        return switch (phase.toLowerCase(Locale.ROOT)) {
            case "investigating" -> IncidentStatus.INVESTIGATING;
            case "identified" -> IncidentStatus.IDENTIFIED;
            case "monitoring" -> IncidentStatus.MONITORING;
            case "resolved" -> IncidentStatus.RESOLVED;
            default -> IncidentStatus.UNKNOWN;
        };
    }

    static IncidentImpact impact(ComponentStatus s) {
        return switch (s) {
            case MAJOR_OUTAGE -> IncidentImpact.CRITICAL;
            case PARTIAL_OUTAGE -> IncidentImpact.MAJOR;
            case DEGRADED_PERFORMANCE -> IncidentImpact.MINOR;
            case OPERATIONAL -> IncidentImpact.NONE;
            default -> IncidentImpact.UNKNOWN;
        };
    }
}
