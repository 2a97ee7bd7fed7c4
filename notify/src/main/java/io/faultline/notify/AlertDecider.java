package io.faultline.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, for one subscription, which incident revisions become alerts: one OPEN when an incident first matches
 * the subscriber's filters, an UPDATE when its cause, state or the subscriber's affected services changed (at most
 * one per {@link Subscription#updateThrottle()} of event time), and the RESOLVE. Alerts are per incident, never
 * per service: a member joining shows up as a changed list in the next update.
 *
 * <p>A change held back by the throttle goes out with the next revision past the window, or with the resolve; the
 * comparison is always against what was last delivered, so nothing needs a timer. A resolved incident is
 * forgotten only by restart from the delivery log, where its RESOLVE entry keeps it closed. Not thread-safe: one
 * caller (the notify consumer thread).
 */
public final class AlertDecider {

    private final Subscription subscription;
    private final Map<String, Tracked> tracked = new HashMap<>();

    private static final class Tracked {
        long revision;
        Alert.Delivered sent;
        Instant sentEventTime;
        boolean resolved;

        Tracked(long revision, Alert.Delivered sent, Instant sentEventTime, boolean resolved) {
            this.revision = revision;
            this.sent = sent;
            this.sentEventTime = sentEventTime;
            this.resolved = resolved;
        }
    }

    public AlertDecider(Subscription subscription) {
        this.subscription = subscription;
    }

    public Subscription subscription() {
        return subscription;
    }

    /**
     * Restores one acknowledged delivery from the delivery log (call before the first {@link #decide}): revision
     * {@code revision} of the incident was delivered as {@code kind}, telling the subscriber {@code sent}.
     */
    public void restore(String incidentId, long revision, AlertKind kind, Alert.Delivered sent, Instant sentEventTime) {
        Tracked t = tracked.get(incidentId);
        if (t != null && t.revision >= revision) {
            return;
        }
        tracked.put(incidentId, new Tracked(revision, sent, sentEventTime, kind == AlertKind.RESOLVE));
    }

    /** The alert this revision calls for, if any. Revisions at or below one already decided are ignored. */
    public Optional<Alert> decide(IncidentView v) {
        Tracked t = tracked.get(v.id());
        if (t == null) {
            if (!subscription.filter().matches(v)) {
                return Optional.empty();
            }
            Alert.Delivered now = delivered(v);
            tracked.put(v.id(), new Tracked(v.revision(), now, v.eventTime(), false));
            return Optional.of(alert(AlertKind.OPEN, v, null));
        }
        if (v.revision() <= t.revision || t.resolved) {
            return Optional.empty();
        }
        t.revision = v.revision();
        Alert.Delivered previous = t.sent;
        if (v.resolved()) {
            t.resolved = true;
            t.sent = delivered(v);
            t.sentEventTime = v.eventTime();
            return Optional.of(alert(AlertKind.RESOLVE, v, previous));
        }
        Alert.Delivered now = delivered(v);
        if (now.equals(previous)) {
            return Optional.empty();
        }
        if (Duration.between(t.sentEventTime, v.eventTime()).compareTo(subscription.updateThrottle()) < 0) {
            return Optional.empty(); // held back; compared again at the next revision
        }
        t.sent = now;
        t.sentEventTime = v.eventTime();
        return Optional.of(alert(AlertKind.UPDATE, v, previous));
    }

    /** The alert standing for an incident that is open for this subscriber (for channels that re-post), if it is. */
    public Optional<Alert> standing(IncidentView v) {
        Tracked t = tracked.get(v.id());
        if (t == null || t.resolved || v.resolved()) {
            return Optional.empty();
        }
        return Optional.of(alert(AlertKind.UPDATE, v, null));
    }

    private Alert.Delivered delivered(IncidentView v) {
        Set<String> affected = new TreeSet<>();
        subscription.filter().affected(v).forEach(m -> affected.add(m.id()));
        return new Alert.Delivered(v.causeId(), v.state(), affected);
    }

    private Alert alert(AlertKind kind, IncidentView v, Alert.Delivered previous) {
        return new Alert(subscription.id(), kind, v, subscription.filter().affected(v), subscription.filter().ordered(v),
                previous);
    }
}
