package io.faultline.core.discovery;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;
import io.faultline.core.correlation.IncidentState;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalog edges a confirmed incident implies but the catalog lacks: every member of a
 * confirmed incident with a named cause that is not (directly or transitively) a dependent of that
 * cause. Most come from incidents whose cause was named from the component's own status page
 * while services with no known edge to it failed; one incident is one observation, so these are
 * proposals for a human, never catalog changes.
 */
public final class IncidentEdges {

    /** {@code service} failed in confirmed incident {@code incidentId}, whose cause was {@code component}. */
    public record Proposal(String service, String component, String incidentId, Instant openedAt, double confidence,
                           String why) {
    }

    private IncidentEdges() {
    }

    /**
     * Proposals from every incident that was confirmed in any revision, one per service and cause
     * (the most confident incident's), by service then component. An incident merged into another
     * speaks through the one that absorbed it.
     */
    public static List<Proposal> from(DependencyGraph graph, List<Incident> revisions) {
        Map<String, Incident> last = new LinkedHashMap<>();
        Map<String, Boolean> confirmed = new LinkedHashMap<>();
        for (Incident revision : revisions) {
            last.merge(revision.id(), revision, (a, b) -> b.revision() > a.revision() ? b : a);
            confirmed.merge(revision.id(), revision.state() == IncidentState.CONFIRMED, Boolean::logicalOr);
        }
        Set<String> merged = new HashSet<>();
        last.values().forEach(incident -> merged.addAll(incident.mergedFrom()));
        Map<String, Proposal> byEdge = new TreeMap<>();
        for (Incident incident : last.values()) {
            String cause = incident.cause().componentId();
            int component = cause == null ? -1 : graph.indexOf(cause);
            if (!confirmed.get(incident.id()) || component < 0 || merged.contains(incident.id())) {
                continue;
            }
            String why = incident.cause().reasons().isEmpty() ? "" : incident.cause().reasons().get(0);
            for (IncidentMember member : incident.members()) {
                int service = graph.indexOf(member.serviceId());
                if (service >= 0 && service != component && !graph.isAncestor(component, service)) {
                    Proposal proposal = new Proposal(member.serviceId(), cause, incident.id(), incident.openedAt(),
                            incident.cause().confidence(), why);
                    byEdge.merge(member.serviceId() + "\u0000" + cause, proposal,
                            (a, b) -> b.confidence() > a.confidence() ? b : a);
                }
            }
        }
        return List.copyOf(byEdge.values());
    }
}
