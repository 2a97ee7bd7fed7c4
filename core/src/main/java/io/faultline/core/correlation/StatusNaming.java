package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.MutableIncident.Member;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Names a likely cause for an unknown-cause incident from status pages: a component whose own
 * page reports trouble in the same window as the incident's services. The catalog has no edge
 * from those services to it, so the name rests on timing alone and gets a lower confidence
 * (statusOnlyDiscount times the incident's own), with the reason in words.
 *
 * <p>Gate: the trouble must have started no more than statusPageLag before or after the moment the
 * group formed (the minImpaired-th member's onset, robust to one early unrelated failure), and the
 * page must still report it. A page that turns red hours after the services failed (CrowdStrike's
 * 05:00 failures and a cloud advisory at 09:30) or that has been red since long before is not
 * blamed. Services' own pages are not candidates: one service's trouble does not cause others'.
 * Among the candidates the most specific component wins (more ancestors: a region before its
 * provider), then the one with more of the members as known dependents, then the trouble that
 * started closest to the group's onset, then the lower entity index.
 *
 * <p>Cost: a scan of the status board per open unknown-cause incident and tick while any page
 * reports trouble; with no page in trouble, nothing.
 */
final class StatusNaming {

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final DependencyGraph graph;
    private final CorrelationConfig config;
    private final StatusBoard status;

    StatusNaming(DependencyGraph graph, CorrelationConfig config, StatusBoard status) {
        this.graph = graph;
        this.config = config;
        this.status = status;
    }

    /** The troubled component to name for the incident's members, or -1 when none passes the gate. */
    int candidate(MutableIncident incident) {
        if (status.troubledCount == 0) {
            return -1;
        }
        long formed = formedAt(incident);
        if (formed == MutableIncident.NONE) {
            return -1;
        }
        long tolerance = config.statusPageLag().toMillis();
        int best = -1;
        int bestDependents = 0;
        for (int c = 0; c < graph.size(); c++) {
            if (!status.troubled[c] || graph.isService(c) || Math.abs(status.since[c] - formed) > tolerance) {
                continue;
            }
            int dependents = knownDependents(incident, c);
            if (best < 0 || better(c, dependents, best, bestDependents, formed)) {
                best = c;
                bestDependents = dependents;
            }
        }
        return best;
    }

    private boolean better(int c, int dependents, int best, int bestDependents, long formed) {
        int specificity = graph.ancestorCount(c);
        int bestSpecificity = graph.ancestorCount(best);
        if (specificity != bestSpecificity) {
            return specificity > bestSpecificity;
        }
        if (dependents != bestDependents) {
            return dependents > bestDependents;
        }
        long distance = Math.abs(status.since[c] - formed);
        long bestDistance = Math.abs(status.since[best] - formed);
        if (distance != bestDistance) {
            return distance < bestDistance;
        }
        return c < best;
    }

    /** The attribution naming {@code component}, built on the incident's unknown-cause attribution. */
    Attribution attribution(MutableIncident incident, int component, String componentName) {
        Attribution unknown = incident.attribution;
        int members = 0;
        long firstJoined = Long.MAX_VALUE;
        for (Member member : incident.members.values()) {
            members++;
            firstJoined = Math.min(firstJoined, member.joinedAt);
        }
        int withoutEdge = members - knownDependents(incident, component);
        List<String> reasons = new ArrayList<>();
        reasons.add(String.format(Locale.ROOT, "status page reports %s trouble at %s; %d services without a known edge "
                        + "to it failed from %s", componentName, HHMM.format(Instant.ofEpochMilli(status.since[component])),
                withoutEdge, HHMM.format(Instant.ofEpochMilli(firstJoined))));
        reasons.add(String.format(Locale.ROOT, "named from its own status page and the timing alone (trouble within %d min "
                        + "of the services' onset): confidence lowered x%.2f; confirm the edges before trusting it",
                config.statusPageLag().toMinutes(), config.statusOnlyDiscount()));
        reasons.addAll(unknown.reasons());
        return new Attribution(graph.idOf(component), unknown.score(), unknown.confidence() * config.statusOnlyDiscount(),
                unknown.pValue(), unknown.impaired(), unknown.total(), true, reasons, List.of());
    }

    /**
     * Whether the incident's cause explains it through catalog edges: at least minImpaired of its
     * active members depend on the cause. Otherwise the cause was named from its status page and
     * the incident is judged on its members as a whole, as an unknown-cause incident is.
     */
    boolean explainedByEdges(MutableIncident incident, int cause) {
        int known = 0;
        for (Member member : incident.members.values()) {
            if (member.isActive() && member.entity >= 0 && graph.isAncestor(cause, member.entity)) {
                known++;
            }
        }
        return known >= config.minImpaired();
    }

    private int knownDependents(MutableIncident incident, int component) {
        int known = 0;
        for (Member member : incident.members.values()) {
            known += member.entity >= 0 && graph.isAncestor(component, member.entity) ? 1 : 0;
        }
        return known;
    }

    /** The minImpaired-th earliest member onset (the latest one when there are fewer members). */
    private long formedAt(MutableIncident incident) {
        if (incident.members.isEmpty()) {
            return MutableIncident.NONE;
        }
        long[] starts = new long[incident.members.size()];
        int i = 0;
        for (Member member : incident.members.values()) {
            starts[i++] = member.joinedAt;
        }
        Arrays.sort(starts);
        return starts[Math.min(config.minImpaired(), starts.length) - 1];
    }
}
