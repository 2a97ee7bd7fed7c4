package io.faultline.core.network;

import io.faultline.core.correlation.ConnectionUpdate;
import io.faultline.core.correlation.Incident;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Network outages from probe connection events (see the package comment for the method).
 *
 * <p>Per tick:
 * <ol>
 *   <li>the connection events received since the last tick are applied in event-time order (so
 *       the result does not depend on their arrival order): a probe that disconnects stays out
 *       until it connects again;</li>
 *   <li>an own-prober vantage (which sends heartbeats instead of disconnect events) that has fallen
 *       silent is out from its last heartbeat, but only while another vantage is heard: when every
 *       vantage falls silent at once the pipeline, not the networks, has lost them;</li>
 *   <li>open outages take in later disconnections of their scope, and resolve once half of their
 *       probes are back (the end is the median reconnection time, as Disco reports it) or expire
 *       after {@link NetworkConfig#maxOpen()};</li>
 *   <li>every scope (ASN, organisation, country, all probes) counts its probes that
 *       disconnected within the burst window and are still out, and tests that count against its
 *       own learnt rate of disconnections (Poisson tail, Bonferroni over all scopes known), with at
 *       least {@link NetworkConfig#minProbes()} probes;</li>
 *   <li>bursting scopes are named from the widest down: a scope defers to a narrower bursting scope
 *       that holds {@link NetworkConfig#dominantShare()} of its probes (one ASN of an organisation is
 *       named as the ASN; several ASNs of one organisation as the organisation; several
 *       organisations of one country as the country; many countries at once as all probes); a
 *       narrower scope inside a chosen wider burst is named on its own only when it is out far
 *       beyond the wider burst's share (a network down during a global burst), and the wider one
 *       must still be significant on the probes left to it;</li>
 *   <li>scopes that are not out learn their rate from this tick's disconnections.</li>
 * </ol>
 * Not thread-safe; state is plain serialisable values ({@link #toBytes()}) for checkpoints.
 */
public final class NetworkOutages implements Serializable {

    private static final long serialVersionUID = 1L;
    static final String ALL_KEY = "all";

    private final NetworkConfig config;
    private final Map<Long, Probe> probes = new HashMap<>();
    private final Map<String, Scope> scopes = new HashMap<>();
    /** The own prober's vantages (probes known by their heartbeats), in id order. */
    private final java.util.TreeSet<Long> vantages = new java.util.TreeSet<>();
    /** The latest heartbeat of any vantage, and since when vantages were heard without a gap of vantageSilence. */
    private long vantagesHeard = Long.MIN_VALUE;
    private long vantagesHeardSince = Long.MIN_VALUE;
    /** Disconnections within the burst window, oldest first: {time declared, probe, leaves the window at}. */
    private final ArrayDeque<long[]> recent = new ArrayDeque<>();
    private final List<ConnectionUpdate> pending = new ArrayList<>();
    /** Open outages by incident id. */
    private final Map<String, NetworkOutage> open = new LinkedHashMap<>();
    private long lastTick = Long.MIN_VALUE;
    private long firstTick = Long.MIN_VALUE;

    public NetworkOutages(NetworkConfig config) {
        this.config = config;
    }

    public NetworkConfig config() {
        return config;
    }

    /** Records a connection event; it is applied at the next tick. */
    public void onConnection(ConnectionUpdate update) {
        pending.add(update);
    }

    public int openOutages() {
        return open.size();
    }

    public int probesTracked() {
        return probes.size();
    }

    /** Runs the tick at {@code now} (epoch millis) and returns the revisions that changed, by incident id. */
    public List<Incident> tick(long now) {
        if (lastTick != Long.MIN_VALUE && now <= lastTick) {
            return List.of();
        }
        long elapsed = lastTick == Long.MIN_VALUE ? 60_000 : now - lastTick;
        if (firstTick == Long.MIN_VALUE) {
            firstTick = now;
        }
        Map<String, Integer> disconnectsThisTick = applyPending(now);
        declareSilent(now, disconnectsThisTick);
        // late events can arrive behind newer ones, so the whole window is swept, not only its head
        recent.removeIf(r -> r[2] <= now);
        List<Incident> revisions = new ArrayList<>();
        for (var it = open.values().iterator(); it.hasNext(); ) {
            NetworkOutage outage = it.next();
            absorb(outage);
            Incident revision = outage.advance(now, probes, config);
            if (revision != null) {
                revisions.add(revision);
            }
            if (!outage.isOpen()) {
                Scope scope = scope(outage.scopeId());
                scope.out = false;
                // the stragglers of an outage that just ended are not a new one
                scope.quietUntil = now + config.burstWindow().toMillis();
                it.remove();
            }
        }
        // until the rates have had one half-life to learn, a burst cannot be told from the usual churn
        boolean warm = now - firstTick >= config.rateHalfLife().toMillis();
        for (NetworkOutage outage : warm ? detect(now) : List.<NetworkOutage>of()) {
            open.put(outage.id(), outage);
            scope(outage.scopeId()).out = true;
            revisions.add(outage.advance(now, probes, config));
        }
        learn(disconnectsThisTick, elapsed, now - firstTick);
        lastTick = now;
        revisions.sort(Comparator.comparing(Incident::id));
        return revisions;
    }

    private Map<String, Integer> applyPending(long now) {
        pending.sort(Comparator.comparing(ConnectionUpdate::time).thenComparingLong(ConnectionUpdate::probeId)
                .thenComparing(ConnectionUpdate::connected));
        Map<String, Integer> disconnects = new HashMap<>();
        for (ConnectionUpdate u : pending) {
            Probe p = probes.computeIfAbsent(u.probeId(), Probe::new);
            if (p.relocate(u)) {
                for (String id : p.scopes) {
                    scope(id).members.add(p.id);
                }
            }
            long time = u.time().toEpochMilli();
            if (p.vantage != null) {
                heard(p, time);
            }
            if (u.connected()) {
                if (p.out && time >= p.outSince) {
                    p.out = false;
                    p.backAt = time;
                }
            } else if (!p.out) {
                markOut(p, time, time, disconnects);
            }
        }
        pending.clear();
        return disconnects;
    }

    private void markOut(Probe p, long since, long declaredAt, Map<String, Integer> disconnects) {
        p.out = true;
        p.outSince = since;
        p.declaredAt = declaredAt;
        // a slow vantage's silences are found up to one of its gaps apart: its window is as wide
        long window = Math.max(config.burstWindow().toMillis(), 2 * p.gap);
        recent.addLast(new long[] {declaredAt, p.id, declaredAt + window});
        for (String id : p.scopes) {
            disconnects.merge(id, 1, Integer::sum);
        }
    }

    /** A vantage's heartbeat: it is alive at {@code time}; its usual gap is learnt while it is not out. */
    private void heard(Probe p, long time) {
        vantages.add(p.id);
        if (vantagesHeard == Long.MIN_VALUE || time - vantagesHeard > config.vantageSilence().toMillis()) {
            vantagesHeardSince = time; // the pipeline heard no vantage for a while: silences before now prove nothing
        }
        vantagesHeard = Math.max(vantagesHeard, time);
        if (p.lastHeard != Long.MIN_VALUE && time > p.lastHeard && !p.out) {
            long gap = time - p.lastHeard;
            if (p.gap == 0 || gap <= 3 * p.gap) { // a long silence is not the usual rhythm
                p.gap = p.gap == 0 ? gap : (3 * p.gap + gap) / 4;
            }
        }
        p.lastHeard = Math.max(p.lastHeard, time);
    }

    /**
     * Vantages silent for longer than their silence limit are out from their last heartbeat, once
     * other vantages have been heard without a break from that heartbeat until past the limit (the
     * pipeline kept hearing vantages while this one was missing; when all fall silent together, or
     * the pipeline itself stalls, nobody is declared). Declared at {@code now}, so they enter the
     * burst window as of now.
     */
    private void declareSilent(long now, Map<String, Integer> disconnects) {
        if (vantages.size() < 2) {
            return;
        }
        long latest = Long.MIN_VALUE;
        long second = Long.MIN_VALUE;
        for (long id : vantages) {
            long heard = probes.get(id).lastHeard;
            if (heard > latest) {
                second = latest;
                latest = heard;
            } else if (heard > second) {
                second = heard;
            }
        }
        for (long id : vantages) {
            Probe p = probes.get(id);
            long silence = Math.max(config.vantageSilence().toMillis(), 3 * p.gap);
            long othersLatest = p.lastHeard == latest ? second : latest;
            // a vantage's rhythm is known from its second heartbeat on; before that its silence means nothing
            if (!p.out && p.gap > 0 && othersLatest != Long.MIN_VALUE
                    && othersLatest - p.lastHeard >= silence && vantagesHeardSince <= p.lastHeard) {
                markOut(p, p.lastHeard, now, disconnects);
            }
        }
    }

    /**
     * Disconnections inside an open outage's scope during its first burst window join it (an outage
     * that spreads over a few minutes); later ones are the scope's ordinary churn, or a new burst. A
     * burst of all probes takes in nobody: a network failing in its minutes must stay visible as itself.
     */
    private void absorb(NetworkOutage outage) {
        Scope scope = scope(outage.scopeId());
        if (scope.level == ScopeLevel.ALL) {
            return;
        }
        long until = outage.openedAt() + config.burstWindow().toMillis();
        for (long[] r : recent) {
            Probe p = probes.get(r[1]);
            if (r[0] <= until && p.out && p.declaredAt == r[0] && p.outageId == null && scope.members.contains(p.id)) {
                outage.join(p);
            }
        }
    }

    private List<NetworkOutage> detect(long now) {
        Map<String, List<Long>> bursts = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        for (long[] r : recent) {
            Probe p = probes.get(r[1]);
            if (p.out && p.declaredAt == r[0] && p.outageId == null && seen.add(p.id)) {
                for (String id : p.scopes) {
                    bursts.computeIfAbsent(id, k -> new ArrayList<>()).add(p.id);
                }
            }
        }
        Map<String, Set<Long>> burstByController = new HashMap<>();
        for (long id : seen) {
            String controller = probes.get(id).controller;
            if (controller != null) {
                burstByController.computeIfAbsent(controller, k -> new HashSet<>()).add(id);
            }
        }
        double threshold = Math.log10(config.alpha() / Math.max(1, scopes.size()));
        double windowMinutes = config.burstWindow().toMillis() / 60_000.0;
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : bursts.entrySet()) {
            int k = e.getValue().size();
            Scope scope = scope(e.getKey());
            boolean wide = scope.level == ScopeLevel.COUNTRY || scope.level == ScopeLevel.ALL;
            if (k < config.minProbes() || scope.out || now < scope.quietUntil
                    || (wide && scope.members.size() < config.minWideScope())) {
                continue;
            }
            double expected = scope.baseRate(config) * windowMinutes;
            double log10Tail = PoissonTail.log10Upper(k, expected);
            if (log10Tail <= threshold) {
                candidates.add(new Candidate(scope, Set.copyOf(e.getValue()), expected, log10Tail, threshold));
            }
        }
        // widest first; ties by id, so hash order does not matter
        candidates.sort(Comparator.comparing((Candidate c) -> c.scope.level).reversed().thenComparing(c -> c.scope.id));
        Map<Long, Candidate> owner = new HashMap<>();
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c : candidates) {
            if (onOneController(c, burstByController) || !severalNetworksLost(c, probes)) {
                continue;
            }
            Candidate wide = widestOwner(c, owner);
            if (wide != null ? !overRepresented(c, wide) : defers(c, candidates)) {
                continue;
            }
            chosen.add(c);
            c.probes.forEach(id -> owner.put(id, c));
        }
        List<NetworkOutage> opened = new ArrayList<>();
        for (Candidate c : chosen) {
            List<Probe> members = c.probes.stream().filter(id -> owner.get(id) == c).map(probes::get)
                    .sorted(Comparator.comparingLong((Probe p) -> p.outSince).thenComparingLong(p -> p.id)).toList();
            // a wide scope whose over-represented parts were named on their own must still stand on what is left
            if (members.size() < config.minProbes()
                    || PoissonTail.log10Upper(members.size(), c.expected) > c.threshold) {
                continue;
            }
            opened.add(NetworkOutage.open(c.scope.id, c.scope.level, label(c.scope, c.probes), c.scope.members.size(),
                    c.expected, c.log10Tail, c.threshold, members, now));
        }
        return opened;
    }

    /**
     * Whether a burst is a RIPE Atlas controller dropping its probes rather than a network failing:
     * most of the burst sits on one controller, and that controller's burst reaches well beyond this
     * scope (controllers do drop groups of probes, on a fixed rhythm). A network whose probes make up
     * most of its controller's burst is the story itself (its probes are often all near one controller).
     */
    private boolean onOneController(Candidate c, Map<String, Set<Long>> burstByController) {
        Map<String, Integer> controllers = new HashMap<>();
        for (long id : c.probes) {
            String controller = probes.get(id).controller;
            if (controller != null) {
                controllers.merge(controller, 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Integer> e : controllers.entrySet()) {
            if (e.getValue() >= config.dominantShare() * c.probes.size()) {
                int controllerBurst = burstByController.getOrDefault(e.getKey(), Set.of()).size();
                return e.getValue() < config.dominantShare() * controllerBurst;
            }
        }
        return false;
    }

    /**
     * A burst of a country or of all probes names the wider scope only when several of its networks
     * each lost more than one probe: one probe out in each of eight networks is the usual churn of a
     * big scope lining up, not the country failing (seen on every public day with the ASN data).
     */
    private static boolean severalNetworksLost(Candidate c, Map<Long, Probe> probes) {
        if (c.scope.level == ScopeLevel.ASN || c.scope.level == ScopeLevel.ORGANISATION) {
            return true;
        }
        Map<String, Integer> perNetwork = new HashMap<>();
        for (long id : c.probes) {
            Probe p = probes.get(id);
            perNetwork.merge(p.organisation != null ? p.organisation : String.valueOf(p.asn), 1, Integer::sum);
        }
        return perNetwork.values().stream().filter(n -> n >= 2).count() >= 2;
    }

    /** The chosen wider scope that already explains at least half of this candidate's probes, or null. */
    private static Candidate widestOwner(Candidate c, Map<Long, Candidate> owner) {
        Map<Candidate, Integer> counts = new HashMap<>();
        for (long id : c.probes) {
            Candidate o = owner.get(id);
            if (o != null) {
                counts.merge(o, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().filter(e -> e.getValue() * 2 >= c.probes.size())
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /**
     * Whether a narrower scope inside a chosen wider burst is out far more than the wider burst's
     * own share makes likely: a network that lost its probes during a global burst is its own outage
     * (carved out of the wider one); a country that lost its usual share of a global burst is not.
     */
    private boolean overRepresented(Candidate narrow, Candidate wide) {
        double wideShare = (double) wide.probes.size() / Math.max(1, wide.scope.members.size());
        double narrowShare = (double) narrow.probes.size() / Math.max(1, narrow.scope.members.size());
        double expected = narrow.scope.members.size() * wideShare;
        return narrowShare >= 2 * wideShare && PoissonTail.log10Upper(narrow.probes.size(), expected) <= narrow.threshold;
    }

    /** Whether a narrower bursting scope holds the dominant share of this candidate's probes. */
    private boolean defers(Candidate wide, List<Candidate> all) {
        for (Candidate narrow : all) {
            if (narrow.scope.level.compareTo(wide.scope.level) < 0) {
                long shared = narrow.probes.stream().filter(wide.probes::contains).count();
                if (shared >= config.dominantShare() * wide.probes.size()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Exponentially weighted mean of each scope's disconnections per minute; over the first
     * half-lives it is the plain running mean (a bias-corrected start), so a fresh detector neither
     * starts from zero nor from a guess.
     */
    private void learn(Map<String, Integer> disconnects, long elapsedMillis, long ageMillis) {
        double minutes = Math.max(1e-3, elapsedMillis / 60_000.0);
        double running = ageMillis <= 0 ? 0 : (double) ageMillis / (ageMillis + elapsedMillis);
        double keep = Math.max(running, Math.pow(0.5, minutes / config.rateHalfLife().toMinutes()));
        for (Scope s : scopes.values()) {
            if (!s.out) {
                double perMinute = disconnects.getOrDefault(s.id, 0) / minutes;
                s.rate = s.rate * keep + (1 - keep) * perMinute;
            }
        }
    }

    private Scope scope(String id) {
        return scopes.computeIfAbsent(id, Scope::new);
    }

    /** A human name for a scope, from what the probes of its burst say about their network. */
    private String label(Scope scope, Set<Long> burst) {
        Map<String, Integer> asns = new TreeMap<>();
        Set<String> orgs = new HashSet<>();
        Set<String> countries = new HashSet<>();
        Map<String, Integer> controllers = new HashMap<>();
        String org = null;
        String country = null;
        for (long id : burst) {
            Probe p = probes.get(id);
            if (p.asn != null) {
                asns.merge("AS" + p.asn, 1, Integer::sum);
            }
            if (p.organisation != null) {
                orgs.add(p.organisation);
                org = p.organisation;
            }
            if (p.country != null) {
                countries.add(p.country);
                country = p.country;
            }
            if (p.controller != null) {
                controllers.merge(p.controller, 1, Integer::sum);
            }
        }
        String sharedController = controllers.entrySet().stream()
                .filter(e -> e.getValue() >= config.dominantShare() * controllers.values().stream().mapToInt(i -> i).sum())
                .map(e -> ", most on RIPE Atlas controller " + e.getKey()).findFirst().orElse("");
        String key = scope.id.substring(scope.id.indexOf(':') + 1);
        return switch (scope.level) {
            case ASN -> "AS" + scope.id.substring(2) + (orgs.size() == 1 ? " " + org : "")
                    + (countries.size() == 1 ? " (" + country + ")" : "");
            case ORGANISATION -> key + " (" + String.join(", ", asns.keySet()) + ")";
            case COUNTRY -> "country " + key + " (" + asns.size() + " networks)";
            case ALL -> "probes of many networks at once (" + asns.size() + " networks" + (countries.isEmpty() ? ""
                    : ", " + countries.size() + " countries") + sharedController + ")";
        };
    }

    /** This detector's state as bytes (Java serialisation of plain values), for checkpoints. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static NetworkOutages fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (NetworkOutages) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("network outage state of an unknown version", e);
        }
    }

    private record Candidate(Scope scope, Set<Long> probes, double expected, double log10Tail, double threshold) {
    }

    /** A grouping of probes with its learnt rate of disconnections per minute. */
    static final class Scope implements Serializable {
        private static final long serialVersionUID = 1L;
        final String id;
        final ScopeLevel level;
        final Set<Long> members = new HashSet<>();
        double rate;
        /** Part of an open outage: does not learn, does not open a second one. */
        boolean out;
        /** No new outage before this time (the end of the last one plus a burst window). */
        long quietUntil;

        Scope(String id) {
            this.id = id;
            this.level = ScopeLevel.of(id);
        }

        /** The learnt rate, never below what its probes' prior or the floor give. */
        double baseRate(NetworkConfig config) {
            return Math.max(rate, Math.max(config.rateFloor(), members.size() * config.probeRatePrior()));
        }
    }

    /** One probe: where it sits and whether it is out. */
    static final class Probe implements Serializable {
        private static final long serialVersionUID = 1L;
        final long id;
        Long asn;
        String organisation;
        String country;
        String controller;
        /** The own prober's vantage name, for probes known by heartbeats; null for RIPE Atlas probes. */
        String vantage;
        List<String> scopes = List.of();
        boolean out;
        long outSince;
        /** When it was counted as out: its disconnect time, or the tick that found a vantage silent. */
        long declaredAt;
        long backAt;
        /** A vantage's last heartbeat and its usual gap between heartbeats (0 until two are seen). */
        long lastHeard = Long.MIN_VALUE;
        long gap;
        /** The open outage it belongs to, or null. */
        String outageId;

        Probe(long id) {
            this.id = id;
        }

        /** Takes what the event says about the probe's network; true when its scopes changed. */
        boolean relocate(ConnectionUpdate u) {
            Long a = u.asn() != null ? u.asn() : asn;
            String o = u.organisation() != null ? u.organisation() : organisation;
            String c = u.country() != null ? u.country() : country;
            String k = u.controller() != null ? u.controller() : controller;
            if (u.vantage() != null) {
                vantage = u.vantage();
            }
            List<String> ids = new ArrayList<>(5);
            if (a != null) {
                ids.add(ScopeLevel.ASN.id(Long.toString(a)));
            }
            if (o != null) {
                ids.add(ScopeLevel.ORGANISATION.id(o));
            }
            if (c != null) {
                ids.add(ScopeLevel.COUNTRY.id(c));
            }
            ids.add(ScopeLevel.ALL.id(ALL_KEY));
            asn = a;
            organisation = o;
            country = c;
            controller = k;
            if (ids.equals(scopes)) {
                return false;
            }
            scopes = List.copyOf(ids);
            return true;
        }
    }
}
