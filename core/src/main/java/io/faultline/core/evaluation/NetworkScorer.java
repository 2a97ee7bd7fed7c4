package io.faultline.core.evaluation;

import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Scores the incidents of a network replay against its {@link NetworkExpectation}. An incident
 * (its last revision) matches an event when its cause or one of its members is in the event's scope
 * and its span, widened by the tolerances, overlaps the event's. Each expected event takes the
 * matching incident with the smallest start error; incidents that match no expected and no tolerated
 * event are false alarms. Only incidents whose cause is a network scope (a probe-derived incident)
 * are scored: service incidents of the same replay are not this scorer's business.
 */
public final class NetworkScorer {

    private NetworkScorer() {
    }

    public static NetworkScore score(NetworkExpectation expectation, List<Incident> revisions, Instant dataStart,
                                     Instant dataEnd) {
        Map<String, Incident> last = new LinkedHashMap<>();
        revisions.stream().filter(r -> isNetwork(r.cause().componentId()))
                .sorted(Comparator.comparing(Incident::eventTime).thenComparingLong(Incident::revision))
                .forEach(r -> last.put(r.id(), r));
        List<NetworkScore.EventScore> events = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        for (NetworkExpectation.Event event : expectation.expected()) {
            Incident best = null;
            for (Incident incident : last.values()) {
                if (matches(event, incident, expectation.startTolerance(), expectation.endTolerance())
                        && (best == null || startError(event, incident).abs().compareTo(startError(event, best).abs()) < 0)) {
                    best = incident;
                }
            }
            if (best == null) {
                events.add(new NetworkScore.EventScore(event.id(), null, null, null, null));
            } else {
                matched.add(best.id());
                events.add(new NetworkScore.EventScore(event.id(), best.id(), best.cause().componentId(),
                        startError(event, best), event.end() == null || best.resolvedAt() == null ? null
                        : Duration.between(event.end(), best.resolvedAt())));
            }
        }
        List<String> extras = new ArrayList<>();
        for (Incident incident : last.values()) {
            boolean expected = expectation.expected().stream().anyMatch(e -> matches(e, incident,
                    expectation.startTolerance(), expectation.endTolerance()));
            boolean tolerated = expectation.tolerated().stream().anyMatch(e -> matches(e, incident,
                    expectation.startTolerance(), expectation.endTolerance()));
            if (!matched.contains(incident.id()) && !expected && !tolerated) {
                extras.add(incident.id());
            }
        }
        double days = dataStart == null || dataEnd == null ? 0
                : Math.max(1.0, Duration.between(dataStart, dataEnd).toMinutes() / 1440.0);
        return new NetworkScore(expectation.replayId(), events, extras, days, expectation.maxExtraPerDay(),
                expectation.startTolerance(), expectation.endTolerance());
    }

    /** Whether an incident's cause is a network resolved from probes rather than a catalog component. */
    static boolean isNetwork(String causeId) {
        return causeId != null && (causeId.matches("as\\d+") || causeId.startsWith("org:")
                || causeId.startsWith("country:") || causeId.startsWith("probes:"));
    }

    private static boolean matches(NetworkExpectation.Event event, Incident incident, Duration startTolerance,
                                   Duration endTolerance) {
        Set<String> members = incident.members().stream().map(IncidentMember::serviceId).collect(Collectors.toSet());
        if (!event.names(incident.cause().componentId(), members)) {
            return false;
        }
        Instant start = incident.firstImpairedAt() != null ? incident.firstImpairedAt() : incident.openedAt();
        Instant end = incident.resolvedAt() != null ? incident.resolvedAt() : incident.eventTime();
        Instant eventEnd = event.end() != null ? event.end() : event.start();
        return !start.isAfter(eventEnd.plus(endTolerance)) && !end.isBefore(event.start().minus(startTolerance));
    }

    private static Duration startError(NetworkExpectation.Event event, Incident incident) {
        Instant start = incident.firstImpairedAt() != null ? incident.firstImpairedAt() : incident.openedAt();
        return Duration.between(event.start(), start);
    }
}
