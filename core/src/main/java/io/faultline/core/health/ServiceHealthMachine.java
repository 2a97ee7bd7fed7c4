package io.faultline.core.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.signal.PoissonBurstDetector;
import io.faultline.core.signal.ProbeFailureRatio;
import io.faultline.core.signal.Signal;
import io.faultline.core.signal.SignalSource;

/**
 * Health of one entity (service, provider, region or network): UP → DEGRADED → DOWN and back,
 * from the combined evidence of every source, with hysteresis (see {@link HealthConfig}).
 *
 * <p>Time is event time only: {@link #apply} evaluates at the later of the machine's clock and
 * the signal's time, {@link #advanceTo} at a stream time given by the host (a punctuation).
 * Given the same calls in the same order the machine gives the same changes, which is what lets
 * the streaming topology and the offline pipeline agree.
 *
 * <p>Votes: probes (failure ratio across vantages), the entity's own status page (worst open
 * component / incident), social bursts, connection bursts. Each vote is a level with a
 * confidence; the confidences of independent sources combine as a noisy-or.
 */
public final class ServiceHealthMachine {

    static final int MAX_STATUS_ENTRIES = 16;
    /** Disconnected probes remembered per entity (oldest dropped beyond it). */
    static final int MAX_OUT_PROBES = 4_096;
    static final long NONE = Long.MIN_VALUE;

    final String entityId;
    final HealthConfig config;
    HealthLevel state = HealthLevel.UP;
    long now = NONE;
    long calmSince = NONE;
    long notDownSince = NONE;
    long lastSocial = NONE;
    long lastDisconnect = NONE;
    PoissonBurstDetector social;
    PoissonBurstDetector connections;
    ProbeFailureRatio probes;
    final List<StatusEntry> status = new ArrayList<>(2);
    /**
     * Probes disconnected and not back (probe key → disconnect time), in disconnect order. A burst
     * of disconnections opens the vote; the probes it took out hold it until half of them are back,
     * as Disco ends an outage at the probes' reconnection, not when the burst of events dies down.
     */
    final java.util.LinkedHashMap<String, Long> out = new java.util.LinkedHashMap<>();
    /** Start of the window the current burst was counted in, or NONE outside a burst and its hold. */
    long burstFrom = NONE;
    /** Most probes of the current burst out at once. */
    int burstPeak;

    public ServiceHealthMachine(String entityId, HealthConfig config) {
        this.entityId = entityId;
        this.config = config;
    }

    public String entityId() {
        return entityId;
    }

    public HealthLevel state() {
        return state;
    }

    /** Event time the machine has been evaluated up to, or null before the first signal. */
    public Instant clock() {
        return now == NONE ? null : Instant.ofEpochMilli(now);
    }

    /** Feeds one signal about this entity and re-evaluates. */
    public Optional<HealthChange> apply(Signal s) {
        long t = s.eventTime().toEpochMilli();
        if (social == null) {
            // started with the machine, so its warm-up runs on whatever evidence arrives first
            // (probes every minute): a quiet service's first burst of posts is then judged
            social = new PoissonBurstDetector(config.social());
            social.advanceTo(t);
        }
        switch (s.source()) {
            case PROBE -> {
                if (probes == null) {
                    probes = new ProbeFailureRatio(config.probes());
                }
                probes.observe(s.vantage() == null ? "?" : s.vantage(), t, s.observed() == HealthLevel.UP);
            }
            case SOCIAL -> {
                if (s.observed().isImpairment()) {
                    if (social.observe(t)) {
                        lastSocial = Math.max(lastSocial, t);
                    }
                }
            }
            case PROBE_CONNECTION -> {
                String probe = s.vantage() == null ? "?" : s.vantage();
                if (s.observed().isImpairment()) {
                    if (connections == null) {
                        connections = new PoissonBurstDetector(config.connections());
                    }
                    if (connections.observe(t)) {
                        lastDisconnect = Math.max(lastDisconnect, t);
                    }
                    out.remove(probe);
                    out.put(probe, t);
                    if (out.size() > MAX_OUT_PROBES) {
                        out.remove(out.keySet().iterator().next());
                    }
                } else {
                    Long since = out.get(probe);
                    if (since != null && since <= t) {
                        out.remove(probe);
                    }
                }
            }
            case STATUS_PAGE -> recordStatus(s, t);
        }
        return evaluate(Math.max(now, t));
    }

    /** Re-evaluates at stream time {@code t} (evidence ages out); no-op for a time not after the clock. */
    public Optional<HealthChange> advanceTo(Instant t) {
        long ms = t.toEpochMilli();
        return ms > now ? evaluate(ms) : Optional.empty();
    }

    /** True when the machine is UP and holds no evidence, so a host may forget it. */
    public boolean idle() {
        return state == HealthLevel.UP && status.isEmpty() && (probes == null || probes.isEmpty())
                && (social == null || social.count() == 0) && (connections == null || connections.count() == 0)
                && out.isEmpty();
    }

    private void recordStatus(Signal s, long t) {
        String key = s.vantage() == null ? "page" : s.vantage();
        for (int i = 0; i < status.size(); i++) {
            StatusEntry e = status.get(i);
            if (e.key().equals(key)) {
                if (t < e.timeMillis()) {
                    return;
                }
                status.remove(i);
                break;
            }
        }
        if (s.observed().isImpairment()) {
            if (status.size() == MAX_STATUS_ENTRIES) {
                status.remove(0);
            }
            status.add(new StatusEntry(key, s.observed(), s.strength(), t, s.detail(), s.region()));
        }
    }

    private Optional<HealthChange> evaluate(long at) {
        now = at;
        List<Vote> votes = votes();
        double pDown = 0;
        double pImp = 0;
        double notDown = 1;
        double notImp = 1;
        for (Vote v : votes) {
            notImp *= 1 - v.confidence();
            if (v.level() == HealthLevel.DOWN) {
                notDown *= 1 - v.confidence();
            }
        }
        pDown = 1 - notDown;
        pImp = 1 - notImp;
        calmSince = pImp < config.exitImpaired() ? (calmSince == NONE ? now : calmSince) : NONE;
        notDownSince = pDown < config.exitDown() ? (notDownSince == NONE ? now : notDownSince) : NONE;
        long hold = config.recoveryHold().toMillis();
        boolean calmHeld = calmSince != NONE && now - calmSince >= hold;
        boolean notDownHeld = notDownSince != NONE && now - notDownSince >= hold;

        HealthLevel target = pDown >= config.enterDown() ? HealthLevel.DOWN
                : pImp >= config.enterDegraded() ? HealthLevel.DEGRADED : HealthLevel.UP;
        HealthLevel next = switch (state) {
            // a recovery in progress (calm now) goes straight to UP once held, not via DEGRADED
            case DOWN -> calmHeld ? HealthLevel.UP
                    : notDownHeld && calmSince == NONE ? HealthLevel.DEGRADED : HealthLevel.DOWN;
            case DEGRADED -> target == HealthLevel.DOWN ? HealthLevel.DOWN : calmHeld ? HealthLevel.UP : HealthLevel.DEGRADED;
            default -> target;
        };
        if (next == state) {
            return Optional.empty();
        }
        HealthLevel previous = state;
        state = next;
        double confidence = switch (next) {
            case DOWN -> pDown;
            case DEGRADED -> pImp;
            default -> 1 - pImp;
        };
        long since = now;
        if (next == HealthLevel.UP) {
            since = calmSince;
        } else {
            for (Vote v : votes) {
                if (next == HealthLevel.DEGRADED || v.level() == HealthLevel.DOWN) {
                    since = Math.min(since, v.evidence().time().toEpochMilli());
                }
            }
        }
        String region = null;
        for (Vote v : votes) {
            if (v.region() != null) {
                region = v.region();
                break;
            }
        }
        List<Evidence> evidence = new ArrayList<>(votes.size());
        for (Vote v : votes) {
            evidence.add(v.evidence());
        }
        evidence.sort(Comparator.comparingDouble(Evidence::weight).reversed());
        return Optional.of(new HealthChange(entityId, next, previous, clamp(confidence), Instant.ofEpochMilli(since),
                region, evidence, Instant.ofEpochMilli(now)));
    }

    private static double clamp(double c) {
        return Math.max(0, Math.min(1, c));
    }

    private List<Vote> votes() {
        List<Vote> votes = new ArrayList<>(4);
        if (probes != null) {
            ProbeFailureRatio.Ratio r = probes.ratio(now);
            if (probes.impaired(r)) {
                double c = Math.min(0.95, 0.55 + 0.07 * r.failing());
                HealthLevel l = probes.down(r) ? HealthLevel.DOWN : HealthLevel.DEGRADED;
                votes.add(new Vote(l, c, null, new Evidence(SignalSource.PROBE,
                        r.failing() + " of " + r.reporting() + " vantages failing in "
                                + config.probes().windowMillis() / 1000 + " s"
                                + (l == HealthLevel.DOWN ? ", " + r.failingTwice() + " of them twice in a row" : ""),
                        Instant.ofEpochMilli(r.lastFailureMillis()), c)));
            }
        }
        long maxAge = config.statusMaxAge().toMillis();
        for (StatusEntry e : status) {
            if (now - e.timeMillis() <= maxAge) {
                votes.add(new Vote(e.level(), e.strength(), e.region(), new Evidence(SignalSource.STATUS_PAGE,
                        e.detail(), Instant.ofEpochMilli(e.timeMillis()), e.strength())));
            }
        }
        if (social != null) {
            social.advanceTo(now);
            double ratio = social.burstRatio();
            if (ratio > 0) {
                double c = Math.min(0.85, 0.55 + 0.15 * log2(ratio));
                votes.add(new Vote(HealthLevel.DEGRADED, c, null, new Evidence(SignalSource.SOCIAL,
                        social.count() + " outage posts in the window (threshold " + social.threshold() + ")",
                        Instant.ofEpochMilli(lastSocial), c)));
            }
        }
        if (connections != null) {
            connections.advanceTo(now);
            double ratio = connections.burstRatio();
            long window = config.connections().bucketMillis() * config.connections().windowBuckets();
            if (ratio > 0) {
                if (burstFrom == NONE) {
                    burstFrom = now - window;
                }
                burstPeak = Math.max(burstPeak, stillOut());
                double c = Math.min(0.9, 0.6 + 0.15 * log2(ratio));
                votes.add(new Vote(HealthLevel.DOWN, c, null, new Evidence(SignalSource.PROBE_CONNECTION,
                        connections.count() + " probe disconnections in the window (threshold "
                                + connections.threshold() + ")", Instant.ofEpochMilli(lastDisconnect), c)));
            } else if (burstFrom != NONE) {
                int still = stillOut();
                if (still >= config.connections().minCount() && 2 * still > burstPeak
                        && now - burstFrom <= config.statusMaxAge().toMillis()) {
                    double c = 0.8;
                    votes.add(new Vote(HealthLevel.DOWN, c, null, new Evidence(SignalSource.PROBE_CONNECTION,
                            still + " of the " + burstPeak + " probes that disconnected from "
                                    + Instant.ofEpochMilli(burstFrom) + " are still out",
                            Instant.ofEpochMilli(lastDisconnect), c)));
                } else {
                    burstFrom = NONE;
                    burstPeak = 0;
                }
            }
            if (burstFrom == NONE) {
                // outside a burst only the last window's disconnections can count towards the next one
                out.values().removeIf(at -> at < now - window);
            }
        }
        return votes;
    }

    /** Probes out since the current burst's window began. */
    private int stillOut() {
        int n = 0;
        for (long at : out.values()) {
            if (at >= burstFrom) {
                n++;
            }
        }
        return n;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private record Vote(HealthLevel level, double confidence, String region, Evidence evidence) {
    }
}
