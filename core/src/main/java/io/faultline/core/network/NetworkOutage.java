package io.faultline.core.network;

import io.faultline.core.correlation.Attribution;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentIds;
import io.faultline.core.correlation.IncidentMember;
import io.faultline.core.correlation.IncidentState;
import io.faultline.core.correlation.TimelineEntry;
import io.faultline.core.correlation.TimelineKind;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One open network outage: the probes of its burst (and those of its scope that disconnect while it
 * is open), each with its disconnection and reconnection time. Its start is the median
 * disconnection time of its probes and its end the median reconnection time, the way Disco reports
 * an outage; members are the ASNs, each with its probe count. A new revision is emitted when it
 * opens, is confirmed (still out at the next tick), when an ASN joins or is back, and when it ends.
 */
final class NetworkOutage implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final String scopeId;
    private final ScopeLevel level;
    private final String label;
    private final int population;
    private final double expected;
    private final double log10Tail;
    private final double threshold;
    private final long openedAt;
    /** probe id -> {disconnected at, back at or 0}, in joining order. */
    private final Map<Long, long[]> probes = new LinkedHashMap<>();
    /** probe id -> the member (ASN) it is counted under. */
    private final Map<Long, String> memberOf = new LinkedHashMap<>();
    /** Names of the own prober's vantages among the probes. */
    private final java.util.TreeSet<String> vantages = new java.util.TreeSet<>();
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private IncidentState state;
    private long revision;
    private Long resolvedAt;
    private String lastMembers = "";

    private NetworkOutage(String scopeId, ScopeLevel level, String label, int population, double expected,
                          double log10Tail, double threshold, long openedAt) {
        this.id = IncidentIds.of(scopeId, openedAt);
        this.scopeId = scopeId;
        this.level = level;
        this.label = label;
        this.population = population;
        this.expected = expected;
        this.log10Tail = log10Tail;
        this.threshold = threshold;
        this.openedAt = openedAt;
    }

    static NetworkOutage open(String scopeId, ScopeLevel level, String label, int population, double expected,
                              double log10Tail, double threshold, List<NetworkOutages.Probe> members, long now) {
        NetworkOutage outage = new NetworkOutage(scopeId, level, label, population, expected, log10Tail, threshold, now);
        members.forEach(outage::join);
        outage.timeline.add(new TimelineEntry(Instant.ofEpochMilli(now), TimelineKind.OPENED,
                String.format(Locale.ROOT, "%d probes of %s disconnected from %s (median) and stayed out; %.1f expected "
                        + "in %s at its base rate", members.size(), label, Instant.ofEpochMilli(outage.start()),
                        expected, "the burst window"), null, scopeId));
        return outage;
    }

    String id() {
        return id;
    }

    long openedAt() {
        return openedAt;
    }

    String scopeId() {
        return scopeId;
    }

    boolean isOpen() {
        return state != IncidentState.RESOLVED;
    }

    void join(NetworkOutages.Probe p) {
        if (probes.putIfAbsent(p.id, new long[] {p.outSince, 0}) == null) {
            memberOf.put(p.id, p.asn != null ? ScopeLevel.ASN.id(Long.toString(p.asn))
                    : p.country != null ? ScopeLevel.COUNTRY.id(p.country) : ScopeLevel.ALL.id("unknown-network"));
            p.outageId = id;
            if (p.vantage != null) {
                vantages.add(p.vantage);
            }
        }
    }

    /** The tick at {@code now}: returns the new revision, or null when nothing changed. */
    Incident advance(long now, Map<Long, NetworkOutages.Probe> all, NetworkConfig config) {
        for (Map.Entry<Long, long[]> e : probes.entrySet()) {
            NetworkOutages.Probe p = all.get(e.getKey());
            long[] times = e.getValue();
            if (times[1] == 0 && (!p.out || p.outSince > times[0])) {
                times[1] = p.backAt;
            }
        }
        int n = probes.size();
        long back = probes.values().stream().filter(t -> t[1] != 0).count();
        IncidentState before = state;
        if (state == null) {
            state = IncidentState.SUSPECTED;
        } else if (back * 2 >= n) {
            resolve(median(1), TimelineKind.RESOLVED, String.format(Locale.ROOT,
                    "%d of %d probes back; half were back at %s (median reconnection)", back, n,
                    Instant.ofEpochMilli(median(1))), all);
        } else if (now - openedAt >= config.maxOpen().toMillis()) {
            resolve(now, TimelineKind.EXPIRED, "still " + (n - back) + " of " + n + " probes out after "
                    + config.maxOpen() + ": expired", all);
        } else if (state == IncidentState.SUSPECTED && n - back >= config.minProbes()) {
            state = IncidentState.CONFIRMED;
            timeline.add(new TimelineEntry(Instant.ofEpochMilli(now), TimelineKind.CONFIRMED,
                    (n - back) + " probes still out a tick later", null, scopeId));
        }
        String members = memberSummary();
        if (state == before && members.equals(lastMembers)) {
            return null;
        }
        lastMembers = members;
        revision++;
        return incident(now);
    }

    private void resolve(long at, TimelineKind kind, String message, Map<Long, NetworkOutages.Probe> all) {
        state = IncidentState.RESOLVED;
        resolvedAt = at;
        timeline.add(new TimelineEntry(Instant.ofEpochMilli(at), kind, message, null, scopeId));
        for (Long probe : probes.keySet()) {
            NetworkOutages.Probe p = all.get(probe);
            if (id.equals(p.outageId)) {
                p.outageId = null;
            }
        }
    }

    /** Median of the disconnection (index 0) or reconnection (index 1) times of the probes that have one. */
    private long median(int index) {
        long[] times = probes.values().stream().mapToLong(t -> t[index]).filter(t -> t != 0).sorted().toArray();
        if (times.length == 0) {
            return openedAt;
        }
        // the reconnection median is taken over all probes: the time by which half of them were back
        int at = index == 1 ? (probes.size() + 1) / 2 - 1 : (times.length - 1) / 2;
        return times[Math.min(at, times.length - 1)];
    }

    private long start() {
        return median(0);
    }

    /** Which ASNs are in and which are back, for change detection. */
    private String memberSummary() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<long[]>> m : byMember().entrySet()) {
            b.append(m.getKey()).append(left(m.getValue()) == null ? "+" : "-").append(';');
        }
        return b.toString();
    }

    private Map<String, List<long[]>> byMember() {
        Map<String, List<long[]>> by = new TreeMap<>();
        for (Map.Entry<Long, long[]> e : probes.entrySet()) {
            by.computeIfAbsent(memberOf.get(e.getKey()), k -> new ArrayList<>()).add(e.getValue());
        }
        return by;
    }

    /** When half of a member's probes were back, or null while more than half are out. */
    private static Long left(List<long[]> times) {
        long[] backs = times.stream().mapToLong(t -> t[1]).filter(t -> t != 0).sorted().toArray();
        int half = (times.size() + 1) / 2;
        return backs.length >= half ? backs[half - 1] : null;
    }

    private Incident incident(long now) {
        List<IncidentMember> members = new ArrayList<>();
        Map<String, String> attributes = new TreeMap<>();
        TreeSet<String> asns = new TreeSet<>();
        for (Map.Entry<String, List<long[]>> m : byMember().entrySet()) {
            List<long[]> times = m.getValue();
            long joined = times.stream().mapToLong(t -> t[0]).min().orElse(openedAt);
            Long left = left(times);
            members.add(new IncidentMember(m.getKey(), left == null ? HealthLevel.DOWN : HealthLevel.UP,
                    Instant.ofEpochMilli(joined), left == null ? null : Instant.ofEpochMilli(left), null));
            attributes.put("probes." + m.getKey(), Integer.toString(times.size()));
            if (m.getKey().startsWith("as")) {
                asns.add("AS" + m.getKey().substring(2));
            }
        }
        members.sort(java.util.Comparator.comparing(IncidentMember::joinedAt).thenComparing(IncidentMember::serviceId));
        long out = probes.values().stream().filter(t -> t[1] == 0).count();
        attributes.put("scope", level.name().toLowerCase(Locale.ROOT));
        attributes.put(Incident.CAUSE_NAME, label);
        attributes.put(Incident.CAUSE_KIND, switch (level) {
            case ASN -> "NETWORK";
            case ORGANISATION -> "ORGANISATION";
            case COUNTRY -> "COUNTRY";
            case ALL -> "OTHER";
        });
        attributes.put("probes", probes.size() + " in the outage, " + out + " still out, " + population + " seen in scope");
        attributes.put("asns", String.join(",", asns));
        if (!vantages.isEmpty()) {
            attributes.put("vantages", String.join(",", vantages));
        }
        attributes.put("start", Instant.ofEpochMilli(start()).toString());
        if (resolvedAt != null) {
            attributes.put("end", Instant.ofEpochMilli(resolvedAt).toString());
        }
        double bans = -log10Tail;
        double above = bans + threshold;
        double confidence = Math.min(0.99, 1 / (1 + Math.pow(10, -above / 2)));
        List<String> reasons = List.of(
                String.format(Locale.ROOT, "%d probes of %s disconnected within the burst window and stayed out, "
                        + "%.1f expected at its learnt rate (P = %.1e, threshold %.1e after correction over all scopes)",
                        probes.size(), label, expected, Math.pow(10, log10Tail), Math.pow(10, threshold)),
                "networks resolved from the probes' own ASN, organisation and country; no catalog entry needed",
                "start = median disconnection time, end = median reconnection time (Disco)");
        Attribution cause = new Attribution(scopeId, bans, confidence, Math.pow(10, log10Tail), probes.size(),
                population, false, reasons, List.of());
        return new Incident(id, revision, state, "Network outage: " + label, cause, members, List.copyOf(timeline),
                attributes, List.of(), Instant.ofEpochMilli(openedAt), Instant.ofEpochMilli(start()),
                resolvedAt == null ? null : Instant.ofEpochMilli(resolvedAt), Instant.ofEpochMilli(now));
    }

    @Override
    public String toString() {
        return Objects.toString(id) + " " + state + " " + probes.size() + " probes";
    }
}
