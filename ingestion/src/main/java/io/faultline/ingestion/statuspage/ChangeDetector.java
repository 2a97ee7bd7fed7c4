package io.faultline.ingestion.statuspage;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.ObservationKind;
import io.faultline.avro.StatusPageObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns successive reads of one page into change records: a component whose status changed, and
 * each incident / maintenance update the first time it is seen. Pure and stateless: the caller
 * keeps {@link ChangeDetection#state()} per page and passes it back.
 *
 * <p>First read of a page (no previous state): only what is wrong now is reported, i.e.
 * non-operational components and the updates of incidents that are still open. Closed incidents
 * are remembered but not replayed, so adding a page does not flood the topic with its history.
 *
 * <p>Ids are natural keys ({@code page/component/<id>/<updated_at>},
 * {@code page/incident/<incident id>/<update id>}), so a restart or an overlapping replay yields
 * the same ids and downstream de-duplication drops the repeats. Event time is the time the page
 * gives for the change; when it gives none, the page's own updated_at, else {@code observedAt}
 * (which makes that one record's time, and for components its id, depend on when we read).
 */
public final class ChangeDetector {

    /** Incidents remembered per page; beyond this the least recently updated are forgotten. */
    public static final int MAX_REMEMBERED_INCIDENTS = 500;

    /**
     * @param previous   the state returned by the last call for this page, or null on the first read
     * @param current    what the page says now
     * @param observedAt when the page was read (poller wall clock, or the recording's time)
     */
    public ChangeDetection detect(PageSnapshot previous, PageSnapshot current, Instant observedAt) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(observedAt, "observedAt");
        List<StatusPageObservation> out = new ArrayList<>();
        boolean firstRead = previous == null;
        for (PageComponent c : current.components()) {
            PageComponent before = firstRead ? null : previous.component(c.id()).orElse(null);
            boolean changed = before == null ? c.status() != ComponentStatus.OPERATIONAL : before.status() != c.status();
            if (changed) {
                out.add(componentChange(current, c, before, observedAt));
            }
        }
        for (PageIncident i : current.incidents()) {
            if (firstRead && i.isClosed()) {
                continue;
            }
            Set<String> seen = firstRead ? Set.of() : previous.incident(i.id())
                    .map(p -> p.updates().stream().map(IncidentUpdate::id).collect(Collectors.toSet()))
                    .orElse(Set.of());
            for (IncidentUpdate u : i.updates()) {
                if (!seen.contains(u.id())) {
                    out.add(incidentChange(current, i, u, observedAt));
                }
            }
        }
        out.sort(Comparator.comparing(StatusPageObservation::getEventTime));
        return new ChangeDetection(out, nextState(previous, current));
    }

    private static StatusPageObservation componentChange(PageSnapshot page, PageComponent c, PageComponent before,
                                                         Instant observedAt) {
        Instant eventTime = firstNonNull(c.updatedAt(), page.updatedAt(), observedAt);
        return base(page, observedAt)
                .setObservationId(page.pageId() + "/component/" + c.id() + "/" + eventTime)
                .setKind(ObservationKind.COMPONENT)
                .setComponentId(c.id())
                .setComponentName(c.name())
                .setGroupName(c.groupName())
                .setComponentStatus(c.status())
                .setPreviousStatus(before == null ? null : before.status())
                .setEventTime(eventTime)
                .build();
    }

    private static StatusPageObservation incidentChange(PageSnapshot page, PageIncident i, IncidentUpdate u,
                                                        Instant observedAt) {
        boolean maintenance = i.maintenance();
        return base(page, observedAt)
                .setObservationId(page.pageId() + "/incident/" + i.id() + "/" + u.id())
                .setKind(maintenance ? ObservationKind.MAINTENANCE : ObservationKind.INCIDENT)
                .setComponentStatus(u.worstStatus())
                .setIncidentId(i.id())
                .setIncidentName(i.name())
                .setIncidentStatus(u.status())
                .setIncidentImpact(maintenance && i.impact() == IncidentImpact.UNKNOWN
                        ? IncidentImpact.MAINTENANCE : i.impact())
                .setUpdateBody(u.body())
                .setAffectedComponents(u.affectedComponents().isEmpty()
                        ? i.affectedComponents() : u.affectedComponents())
                .setEventTime(firstNonNull(u.createdAt(), u.updatedAt(), i.updatedAt(), page.updatedAt(), observedAt))
                .build();
    }

    private static StatusPageObservation.Builder base(PageSnapshot page, Instant observedAt) {
        return StatusPageObservation.newBuilder()
                .setPageId(page.pageId())
                .setPageUrl(page.pageUrl() == null ? "" : page.pageUrl())
                .setFormat(page.format())
                .setObservedAt(observedAt);
    }

    /**
     * Components: the latest list, or the known one when this endpoint lists none. Incidents: the
     * union, with update ids merged, so an incident that drops off a short list is not new again.
     */
    private static PageSnapshot nextState(PageSnapshot previous, PageSnapshot current) {
        List<PageComponent> components = current.components().isEmpty() && previous != null
                ? previous.components() : current.components();
        Map<String, PageIncident> incidents = new LinkedHashMap<>();
        if (previous != null) {
            previous.incidents().forEach(i -> incidents.put(i.id(), i));
        }
        for (PageIncident i : current.incidents()) {
            PageIncident before = incidents.get(i.id());
            incidents.put(i.id(), before == null ? i : i.withUpdates(mergeUpdates(before, i)));
        }
        List<PageIncident> kept = incidents.values().stream()
                .sorted(Comparator.comparing(PageIncident::updatedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(MAX_REMEMBERED_INCIDENTS)
                .toList();
        return new PageSnapshot(current.pageId(), current.pageUrl(), current.format(),
                Times.latest(current.updatedAt(), previous == null ? null : previous.updatedAt()), components, kept)
                .withoutBodies();
    }

    private static List<IncidentUpdate> mergeUpdates(PageIncident before, PageIncident now) {
        Map<String, IncidentUpdate> byId = new LinkedHashMap<>();
        before.updates().forEach(u -> byId.put(u.id(), u));
        now.updates().forEach(u -> byId.put(u.id(), u));
        return new ArrayList<>(byId.values());
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
