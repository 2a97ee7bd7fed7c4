package io.faultline.core.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Working state of one open incident; {@link #revision} freezes it into an immutable {@link Incident}. */
final class MutableIncident {

    static final long NONE = Long.MIN_VALUE;

    final String id;
    final long openedAt;
    long revision;
    IncidentState state = IncidentState.SUSPECTED;
    String causeId;
    Attribution attribution;
    Map<String, String> commonAttributes = Map.of();
    long resolvedAt = NONE;
    int significantStreak;
    int quietStreak;
    boolean hasPendingCause;
    String pendingCauseId;
    int pendingCauseStreak;
    final TreeMap<String, Member> members = new TreeMap<>();
    final List<TimelineEntry> timeline = new ArrayList<>();
    final List<String> mergedFrom = new ArrayList<>();
    double lastEmittedConfidence = Double.NaN;
    boolean changed;

    MutableIncident(String id, long openedAt, String causeId, Attribution attribution) {
        this.id = id;
        this.openedAt = openedAt;
        this.causeId = causeId;
        this.attribution = attribution;
    }

    /** A member service; {@code entity} is its index in the current graph, -1 if it left the catalog. */
    static final class Member {
        final String serviceId;
        int entity;
        long joinedAt;
        long leftAt = NONE;
        String region;
        HealthLevel level;

        Member(String serviceId, int entity, long joinedAt, String region, HealthLevel level) {
            this.serviceId = serviceId;
            this.entity = entity;
            this.joinedAt = joinedAt;
            this.region = region;
            this.level = level;
        }

        boolean isActive() {
            return leftAt == NONE;
        }

        IncidentMember freeze() {
            return new IncidentMember(serviceId, level, Instant.ofEpochMilli(joinedAt),
                    leftAt == NONE ? null : Instant.ofEpochMilli(leftAt), region);
        }
    }

    boolean isOpen() {
        return state != IncidentState.RESOLVED;
    }

    /**
     * Appends a timeline entry. Past the cap the oldest member entry (joined/left) is dropped:
     * lifecycle entries are few and worth more than the thousandth flap of one member.
     */
    void record(long time, TimelineKind kind, String message, String serviceId, String componentId, int cap) {
        timeline.add(new TimelineEntry(Instant.ofEpochMilli(time), kind, message, serviceId, componentId));
        changed = true;
        if (timeline.size() > cap) {
            int drop = 1;
            for (int i = 0; i < timeline.size(); i++) {
                TimelineKind k = timeline.get(i).kind();
                if (k == TimelineKind.MEMBER_JOINED || k == TimelineKind.MEMBER_LEFT) {
                    drop = i;
                    break;
                }
            }
            timeline.remove(drop);
        }
    }

    long firstImpairedAt() {
        long first = openedAt;
        for (Member member : members.values()) {
            first = Math.min(first, member.joinedAt);
        }
        return first;
    }

    int activeMembers() {
        int active = 0;
        for (Member member : members.values()) {
            active += member.isActive() ? 1 : 0;
        }
        return active;
    }

    /** The next revision: numbered, frozen, timeline in time order (stable for equal times). */
    Incident revision(long now, String title) {
        revision++;
        lastEmittedConfidence = attribution.confidence();
        changed = false;
        List<IncidentMember> frozen = new ArrayList<>(members.size());
        for (Member member : members.values()) {
            frozen.add(member.freeze());
        }
        frozen.sort(Comparator.comparing(IncidentMember::joinedAt).thenComparing(IncidentMember::serviceId));
        List<TimelineEntry> ordered = new ArrayList<>(timeline);
        ordered.sort(Comparator.comparing(TimelineEntry::time));
        return new Incident(id, revision, state, title, attribution, frozen, ordered, commonAttributes, mergedFrom,
                Instant.ofEpochMilli(openedAt), Instant.ofEpochMilli(firstImpairedAt()),
                resolvedAt == NONE ? null : Instant.ofEpochMilli(resolvedAt), Instant.ofEpochMilli(now));
    }
}
