package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.MutableIncident.Member;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Incident lifecycle: opens, confirms, merges, resolves and expires incidents from each tick's
 * cause groups, and returns the revisions that changed.
 *
 * <ul>
 *   <li>A group belongs to the open incident with the same cause and to every open incident whose
 *       members overlap it by more than mergeOverlap of the smaller set; the oldest of those keeps
 *       its id and absorbs the others (MERGED); with none, a new incident opens (SUSPECTED).</li>
 *   <li>A different cause replaces the incident's cause after winning causeSwitchTicks ticks in a
 *       row, so near-ties between a region and its provider do not flap (at once when it is the
 *       cause of an incident being merged in).</li>
 *   <li>The incident's attribution is the strongest seen for its current cause.</li>
 *   <li>CONFIRMED after confirmTicks consecutive significant ticks, or at once when the cause's
 *       own status page reports trouble.</li>
 *   <li>RESOLVED after resolveTicks consecutive quiet ticks: the cause's tail above the resolve
 *       threshold (hysteresis: opening needs alpha, staying open only resolveAlpha).</li>
 *   <li>EXPIRED (state RESOLVED) after maxOpen; its still-impaired members stop counting until they
 *       recover, so the same outage does not immediately reopen.</li>
 * </ul>
 */
final class IncidentBook {

    private final DependencyGraph graph;
    private final CorrelationConfig config;
    private final ServiceStates states;
    private final StatusBoard status;
    private final Evaluation evaluation;
    private final ComponentCounts counts;
    private final IncidentMembers members;
    private final StatusNaming naming;
    final TreeMap<String, MutableIncident> open = new TreeMap<>();

    IncidentBook(DependencyGraph graph, CorrelationConfig config, ServiceStates states, StatusBoard status,
                 Evaluation evaluation, ComponentCounts counts) {
        this.graph = graph;
        this.config = config;
        this.states = states;
        this.status = status;
        this.evaluation = evaluation;
        this.counts = counts;
        this.members = new IncidentMembers(graph, config, states);
        this.naming = new StatusNaming(graph, config, status);
    }

    List<Incident> update(long now, List<CauseGroup> groups) {
        List<MutableIncident> closed = new ArrayList<>();
        for (MutableIncident incident : open.values()) {
            members.leaving(incident, now);
            statusChanges(incident, now);
        }
        Set<MutableIncident> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<MutableIncident> causeHeld = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CauseGroup group : inMatchingOrder(groups)) {
            List<MutableIncident> related = related(group);
            if (related.isEmpty()) {
                matched.add(openNew(group, now));
                continue;
            }
            MutableIncident target = related.get(0);
            boolean causeEstablished = false;
            for (MutableIncident incident : related) {
                causeEstablished |= Objects.equals(incident.causeId, group.causeId());
            }
            for (MutableIncident other : related.subList(1, related.size())) {
                merge(other, target, now, closed);
            }
            if (Objects.equals(target.causeId, group.causeId())) {
                target.hasPendingCause = false;
                // the strongest evidence seen for the cause stands: a winding-down outage whose last
                // stragglers are barely significant does not make its cause less certain
                if (group.attribution().score() >= target.attribution.score()) {
                    target.attribution = group.attribution();
                }
                causeHeld.add(target);
            } else if (causeEstablished) {
                changeCause(target, group, now, "it is the cause of the incident merged into this one");
                causeHeld.add(target);
            } else if (group.causeId() == null) {
                // "unknown" is the absence of an explanation, not a rival one: it never displaces a named cause
                causeHeld.add(target);
            } else if (!causeHeld.contains(target)) {
                proposeCause(target, group, now);
            }
            members.add(target, group.members());
            matched.add(target);
        }
        nameFromStatusPages(now, closed);
        for (MutableIncident incident : new ArrayList<>(open.values())) {
            if (matched.contains(incident)) {
                incident.significantStreak++;
                incident.quietStreak = 0;
            } else {
                incident.significantStreak = 0;
                incident.quietStreak = isQuiet(incident) ? incident.quietStreak + 1 : 0;
            }
            if (incident.state == IncidentState.SUSPECTED && incident.significantStreak >= config.confirmTicks()) {
                confirm(incident, now, "significant for " + incident.significantStreak + " consecutive ticks");
            }
            if (incident.quietStreak >= config.resolveTicks()) {
                close(incident, now, TimelineKind.RESOLVED, "resolved: quiet for " + incident.quietStreak
                        + " ticks (tail above the resolve threshold)", closed);
            } else if (now - incident.openedAt >= config.maxOpen().toMillis()) {
                close(incident, now, TimelineKind.EXPIRED, "expired: open for " + config.maxOpen().toHours()
                        + " h without resolving; still-impaired members stop counting until they recover", closed);
            }
        }
        return revisions(now, closed);
    }

    private List<Incident> revisions(long now, List<MutableIncident> closed) {
        List<MutableIncident> all = new ArrayList<>(open.values());
        all.addAll(closed);
        all.sort(Comparator.comparing(incident -> incident.id));
        List<Incident> revisions = new ArrayList<>();
        for (MutableIncident incident : all) {
            double confidence = incident.attribution.confidence();
            boolean moved = Double.isNaN(incident.lastEmittedConfidence)
                    || Math.abs(confidence - incident.lastEmittedConfidence) >= config.revisionConfidenceStep();
            if (incident.changed || moved) {
                revisions.add(incident.revision(now, title(incident)));
            }
        }
        return revisions;
    }

    private MutableIncident openNew(CauseGroup group, long now) {
        String id = IncidentIds.of(group.causeId(), now);
        for (int suffix = 2; open.containsKey(id); suffix++) {
            id = IncidentIds.of(group.causeId(), now) + "-" + suffix;
        }
        MutableIncident incident = new MutableIncident(id, now, group.causeId(), group.attribution());
        open.put(id, incident);
        String message = group.causeId() == null
                ? group.members().length + " services impaired together share no significant component: unknown shared cause"
                : name(group.causeId()) + " suspected: " + group.members().length + " dependents impaired together"
                + String.format(Locale.ROOT, " (confidence %.2f)", group.attribution().confidence());
        incident.record(now, TimelineKind.OPENED, message, null, group.causeId(), config.maxTimelineEntries());
        members.add(incident, group.members());
        if (group.cause() >= 0 && status.troubled[group.cause()]) {
            incident.record(now, TimelineKind.STATUS_PAGE, name(group.causeId()) + " status page reports trouble since "
                    + Instant.ofEpochMilli(status.since[group.cause()]), null, group.causeId(), config.maxTimelineEntries());
            confirm(incident, now, name(group.causeId()) + "'s own status page agrees");
        }
        return incident;
    }

    /** A different cause replaces the incident's only after winning causeSwitchTicks ticks in a row. */
    private void proposeCause(MutableIncident incident, CauseGroup group, long now) {
        if (incident.hasPendingCause && Objects.equals(incident.pendingCauseId, group.causeId())) {
            incident.pendingCauseStreak++;
        } else {
            incident.hasPendingCause = true;
            incident.pendingCauseId = group.causeId();
            incident.pendingCauseStreak = 1;
        }
        if (incident.pendingCauseStreak >= config.causeSwitchTicks()) {
            changeCause(incident, group, now, "it explains the impaired services better for "
                    + incident.pendingCauseStreak + " ticks");
        }
    }

    private void changeCause(MutableIncident incident, CauseGroup group, long now, String why) {
        incident.record(now, TimelineKind.CAUSE_CHANGED, "cause changed from " + name(incident.causeId) + " to "
                + name(group.causeId()) + ": " + why, null, group.causeId(), config.maxTimelineEntries());
        incident.causeId = group.causeId();
        incident.attribution = group.attribution();
        incident.hasPendingCause = false;
    }

    /** Groups whose cause already has an open incident first, so that incident keeps its cause. */
    private List<CauseGroup> inMatchingOrder(List<CauseGroup> groups) {
        List<CauseGroup> ordered = new ArrayList<>(groups.size());
        for (CauseGroup group : groups) {
            if (group.causeId() != null && byCause(group.causeId()) != null) {
                ordered.add(group);
            }
        }
        for (CauseGroup group : groups) {
            if (group.causeId() == null || byCause(group.causeId()) == null) {
                ordered.add(group);
            }
        }
        return ordered;
    }

    /**
     * Open incidents a group belongs to, oldest first: the one with the same cause, and every one
     * sharing more than mergeOverlap of the smaller member set.
     */
    private List<MutableIncident> related(CauseGroup group) {
        List<MutableIncident> result = new ArrayList<>();
        int[] services = group.members();
        for (MutableIncident incident : open.values()) {
            boolean sameCause = group.causeId() != null && group.causeId().equals(incident.causeId);
            int shared = 0;
            for (int s : services) {
                shared += incident.members.containsKey(graph.idOf(s)) ? 1 : 0;
            }
            if (sameCause || shared > config.mergeOverlap() * Math.min(services.length, incident.members.size())) {
                result.add(incident);
            }
        }
        result.sort(Comparator.comparingLong((MutableIncident incident) -> incident.openedAt).thenComparing(i -> i.id));
        return result;
    }

    private void statusChanges(MutableIncident incident, long now) {
        int cause = incident.causeId == null ? -1 : graph.indexOf(incident.causeId);
        if (cause < 0 || !status.changedThisTick(cause)) {
            return;
        }
        if (status.troubled[cause]) {
            incident.record(now, TimelineKind.STATUS_PAGE, name(incident.causeId) + " status page reports trouble since "
                    + Instant.ofEpochMilli(status.since[cause]), null, incident.causeId, config.maxTimelineEntries());
            if (incident.state == IncidentState.SUSPECTED) {
                confirm(incident, now, name(incident.causeId) + "'s own status page agrees");
            }
        } else {
            incident.record(now, TimelineKind.STATUS_PAGE, name(incident.causeId) + " status page no longer reports trouble",
                    null, incident.causeId, config.maxTimelineEntries());
        }
    }

    private boolean isQuiet(MutableIncident incident) {
        int named = incident.causeId == null ? -1 : graph.indexOf(incident.causeId);
        if (incident.causeId != null && (named < 0 || naming.explainedByEdges(incident, named))) {
            int cause = named;
            return cause < 0 || !evaluation.isTested(cause) || evaluation.bans(cause) < evaluation.resolveThresholdBans
                    || counts.weightedCount(cause) < stayOpenRatio() * counts.dependents(cause) * evaluation.baseRate[cause];
        }
        int impaired = 0;
        long weight = 0;
        for (Member member : incident.members.values()) {
            if (member.entity >= 0 && states.has(member.entity, ServiceStates.COUNTED)) {
                impaired++;
                weight += states.countedWeight(member.entity);
            }
        }
        if (impaired < config.minImpaired() || !evaluation.isRootTested()) {
            return true;
        }
        double weighted = (double) weight / ComponentCounts.WEIGHT_ONE;
        int n = counts.rootDependents();
        double p = evaluation.rootBaseRate();
        double logTail = BinomialTail.logUpperTail(weighted, n, p);
        return BinomialTail.bans(logTail) < evaluation.resolveThresholdBans || weighted < stayOpenRatio() * n * p;
    }

    /**
     * Unknown-cause incidents whose services fail while a component's own status page reports
     * trouble get that component as their likely cause ({@link StatusNaming}); an open incident
     * that already has that cause absorbs them (or is absorbed, the older keeping its id).
     */
    private void nameFromStatusPages(long now, List<MutableIncident> closed) {
        for (MutableIncident incident : new ArrayList<>(open.values())) {
            if (incident.causeId != null || !open.containsKey(incident.id)) {
                continue;
            }
            int component = naming.candidate(incident);
            if (component < 0) {
                continue;
            }
            String componentId = graph.idOf(component);
            incident.record(now, TimelineKind.STATUS_PAGE, name(componentId) + " status page reports trouble since "
                    + Instant.ofEpochMilli(status.since[component]) + ", while services with no known edge to it are impaired",
                    null, componentId, config.maxTimelineEntries());
            incident.record(now, TimelineKind.CAUSE_CHANGED, "cause changed from " + name(null) + " to " + name(componentId)
                    + ": its own status page reports trouble in the same window (no catalog edge: lower confidence)",
                    null, componentId, config.maxTimelineEntries());
            incident.attribution = naming.attribution(incident, component, name(componentId));
            incident.causeId = componentId;
            incident.hasPendingCause = false;
            for (MutableIncident other : new ArrayList<>(open.values())) {
                if (other != incident && componentId.equals(other.causeId)) {
                    boolean otherOlder = other.openedAt < incident.openedAt
                            || other.openedAt == incident.openedAt && other.id.compareTo(incident.id) < 0;
                    MutableIncident target = otherOlder ? other : incident;
                    MutableIncident absorbed = otherOlder ? incident : other;
                    if (absorbed.attribution.confidence() > target.attribution.confidence()) {
                        target.attribution = absorbed.attribution; // the edge-backed evidence for the same cause
                    }
                    merge(absorbed, target, now, closed);
                    break;
                }
            }
        }
    }

    /** Hysteresis on the effect size too: staying open needs half the rate ratio that opening needs. */
    private double stayOpenRatio() {
        return config.minRateRatio() / 2;
    }

    private void confirm(MutableIncident incident, long now, String why) {
        incident.state = IncidentState.CONFIRMED;
        incident.record(now, TimelineKind.CONFIRMED, "confirmed: " + why, null, incident.causeId, config.maxTimelineEntries());
    }

    private void merge(MutableIncident other, MutableIncident target, long now, List<MutableIncident> closed) {
        target.mergedFrom.add(other.id);
        target.mergedFrom.addAll(other.mergedFrom);
        members.absorb(target, other);
        target.record(now, TimelineKind.MERGED, "merged incident " + other.id + " (" + name(other.causeId) + ", "
                + other.members.size() + " members) into this one", null, other.causeId, config.maxTimelineEntries());
        members.refreshCommonAttributes(target);
        close(other, now, TimelineKind.MERGED, "merged into " + target.id, closed);
    }

    private void close(MutableIncident incident, long now, TimelineKind kind, String message, List<MutableIncident> closed) {
        incident.state = IncidentState.RESOLVED;
        incident.resolvedAt = now;
        incident.record(now, kind, message, null, incident.causeId, config.maxTimelineEntries());
        members.release(incident, kind == TimelineKind.EXPIRED);
        open.remove(incident.id);
        closed.add(incident);
    }

    private MutableIncident byCause(String causeId) {
        for (MutableIncident incident : open.values()) {
            if (causeId.equals(incident.causeId)) {
                return incident;
            }
        }
        return null;
    }

    private String title(MutableIncident incident) {
        String cause = incident.causeId == null ? "Unknown shared cause" : name(incident.causeId);
        return cause + ": " + incident.members.size() + " services impaired";
    }

    private String name(String id) {
        return members.name(id);
    }
}
