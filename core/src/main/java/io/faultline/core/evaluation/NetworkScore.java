package io.faultline.core.evaluation;

import java.time.Duration;
import java.util.List;

/**
 * How a network replay did: each expected event with the incident that matched it and its start and
 * end errors (incident minus expected, null when not detected or not known), and the incidents that
 * matched nothing expected nor tolerated.
 */
public record NetworkScore(String replayId, List<EventScore> events, List<String> extraIncidents, double days,
                           int maxExtraPerDay, Duration startTolerance, Duration endTolerance) {

    public NetworkScore {
        events = List.copyOf(events);
        extraIncidents = List.copyOf(extraIncidents);
    }

    /** One expected event: the matching incident id (null when missed), its cause, and the errors. */
    public record EventScore(String eventId, String incidentId, String cause, Duration startError, Duration endError) {

        public boolean detected() {
            return incidentId != null;
        }
    }

    public long detected() {
        return events.stream().filter(EventScore::detected).count();
    }

    public boolean startsWithin() {
        return events.stream().filter(EventScore::detected)
                .allMatch(e -> e.startError() != null && e.startError().abs().compareTo(startTolerance) <= 0);
    }

    public boolean endsWithin() {
        return events.stream().filter(EventScore::detected)
                .allMatch(e -> e.endError() == null || e.endError().abs().compareTo(endTolerance) <= 0);
    }

    public double extrasPerDay() {
        return days <= 0 ? extraIncidents.size() : extraIncidents.size() / days;
    }

    /** Every event detected within the tolerances and no more false alarms per day than allowed. */
    public boolean passed() {
        return detected() == events.size() && startsWithin() && endsWithin() && extrasPerDay() <= maxExtraPerDay;
    }
}
