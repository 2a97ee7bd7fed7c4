package io.faultline.core.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a replay of a day of probe connection events should conclude ({@code replays/network/<id>/expected.json},
 * {@code "kind": "network"}): the network outages published for that day, the events that may be reported
 * without counting as false alarms, and the tolerances.
 *
 * @param replayId       folder name
 * @param eventsFile     the RIPE Atlas connection-event file in the folder
 * @param expected       published outages: each must be detected
 * @param tolerated      published or documented events that are not outages to require (artefacts, groups
 *                       below the method's minimum): reporting them is not a false alarm
 * @param startTolerance allowed start error
 * @param endTolerance   allowed end error
 * @param maxExtraPerDay false alarms allowed per day of data
 */
public record NetworkExpectation(String replayId, String eventsFile, List<Event> expected, List<Event> tolerated,
                                 Duration startTolerance, Duration endTolerance, int maxExtraPerDay) {

    public NetworkExpectation {
        Objects.requireNonNull(replayId, "replayId");
        Objects.requireNonNull(eventsFile, () -> "events of network replay " + replayId);
        expected = List.copyOf(expected);
        tolerated = List.copyOf(tolerated);
    }

    /**
     * One network event.
     *
     * @param id     name within the replay
     * @param scope  entity ids any of which names it: {@code as38229}, {@code country:LK},
     *               {@code org:<name>}, {@code probes:all}; {@code *} matches any scope
     * @param start  outage start (median disconnection time where the source gives medians)
     * @param end    outage end, or null when the source does not give one
     * @param source where the fact comes from
     */
    public record Event(String id, Set<String> scope, Instant start, Instant end, String source) {

        public Event {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(start, () -> "start of event " + id);
            scope = Set.copyOf(scope);
        }

        boolean names(String causeId, Set<String> members) {
            return scope.contains("*") || scope.contains(causeId) || members.stream().anyMatch(scope::contains);
        }
    }
}
