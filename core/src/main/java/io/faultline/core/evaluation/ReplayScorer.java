package io.faultline.core.evaluation;

import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the incident revisions a replay produced against its {@link ExpectedOutcome}. Every
 * revision counts: a cause named in any emitted revision was said publicly, so a forbidden blame
 * in an early revision is not forgiven by a later correction.
 *
 * <p>Detection and naming are scored apart. Detection: one incident, whatever its cause (an
 * unknown shared cause included), held at least {@link #DETECTION_SHARE} of the affected
 * services, so an outage is not "detected" by an incident that caught one of its services by
 * chance. Naming: the best-matching incident named the expected cause.
 */
public final class ReplayScorer {

    /** Share of the affected services one incident must hold for the outage to count as detected. */
    public static final double DETECTION_SHARE = 0.5;

    private ReplayScorer() {
    }

    /**
     * @param revisions         every incident revision emitted, in any order
     * @param firstImpairedSeen the first time the pipeline saw an expected service impaired, or null
     */
    public static ReplayScore score(ExpectedOutcome expected, List<Incident> revisions, Instant firstImpairedSeen) {
        Map<String, List<Incident>> byId = new LinkedHashMap<>();
        for (Incident revision : revisions) {
            byId.computeIfAbsent(revision.id(), id -> new ArrayList<>()).add(revision);
        }
        List<IncidentSummary> incidents = new ArrayList<>();
        for (List<Incident> history : byId.values()) {
            history.sort(Comparator.comparingLong(Incident::revision));
            incidents.add(IncidentSummary.of(history));
        }

        Set<String> forbidden = new LinkedHashSet<>();
        int falseIncidents = 0;
        int correctIncidents = 0;
        IncidentSummary best = null;
        int held = 0;
        for (IncidentSummary incident : incidents) {
            int overlap = incident.overlap(expected.affectedServices());
            held = Math.max(held, overlap);
            for (Incident revision : incident.history) {
                String cause = revision.cause().componentId();
                if (expected.forbidsBlaming(cause) && !explainedByConfounder(expected, revision)
                        && intersects(members(revision), expected.affectedServices())) {
                    forbidden.add(cause);
                }
            }
            boolean confounder = explainedByConfounder(expected, incident.last);
            if (confounder || overlap > 0 && expected.cause().equals(incident.last.cause().componentId())) {
                correctIncidents++;
            }
            if (overlap == 0) {
                falseIncidents += confounder ? 0 : 1;
                continue;
            }
            if (best == null || better(incident, best, expected)) {
                best = incident;
            }
        }

        if (best == null) {
            return new ReplayScore(expected.replayId(), false, null, false, 0, null, null, null, null, null, 0, 0,
                    expected.affectedServices().size(), incidents.size(), correctIncidents, falseIncidents,
                List.copyOf(forbidden));
        }
        Instant opened = best.first.eventTime();
        String cause = best.last.cause().componentId();
        boolean detected = held >= DETECTION_SHARE * expected.affectedServices().size();
        return new ReplayScore(expected.replayId(), detected, cause, expected.cause().equals(cause),
                best.last.cause().confidence(), opened, between(expected.firstSignal(), opened),
                between(expected.firstEvidencedSignal(), opened), between(firstImpairedSeen, opened),
                between(opened, expected.providerAcknowledged()), best.overlap(expected.affectedServices()), held,
                expected.affectedServices().size(), incidents.size(), correctIncidents, falseIncidents,
                List.copyOf(forbidden));
    }

    private static boolean better(IncidentSummary candidate, IncidentSummary current, ExpectedOutcome expected) {
        boolean candidateRight = expected.cause().equals(candidate.last.cause().componentId());
        boolean currentRight = expected.cause().equals(current.last.cause().componentId());
        if (candidateRight != currentRight) {
            return candidateRight;
        }
        return candidate.overlap(expected.affectedServices()) > current.overlap(expected.affectedServices());
    }

    private static boolean explainedByConfounder(ExpectedOutcome expected, Incident revision) {
        Set<String> members = members(revision);
        for (ExpectedOutcome.AllowedConfounder confounder : expected.allowedConfounders()) {
            if (confounder.explains(revision.cause().componentId(), members, revision.openedAt())) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> members(Incident revision) {
        Set<String> ids = new HashSet<>();
        for (IncidentMember member : revision.members()) {
            ids.add(member.serviceId());
        }
        return ids;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to);
    }

    /** One incident's revisions, first and last, and every service that was ever a member. */
    private record IncidentSummary(List<Incident> history, Incident first, Incident last, Set<String> everMembers) {

        static IncidentSummary of(List<Incident> history) {
            Set<String> ever = new HashSet<>();
            for (Incident revision : history) {
                ever.addAll(members(revision));
            }
            return new IncidentSummary(history, history.get(0), history.get(history.size() - 1), ever);
        }

        int overlap(Set<String> expected) {
            int n = 0;
            for (String id : everMembers) {
                n += expected.contains(id) ? 1 : 0;
            }
            return n;
        }
    }
}
