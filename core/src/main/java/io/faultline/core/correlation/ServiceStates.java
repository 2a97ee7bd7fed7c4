package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import java.util.Arrays;

/**
 * Applied health state per entity, in arrays indexed by entity id, and the rules that turn
 * health changes into counted impairments.
 *
 * <p>An impairment episode runs from the first impaired evidence to the recovery. A service is
 * counted toward its ancestors while impaired and for one window W after it recovers ("impaired
 * at some time in the window"). Updates older than what is held only ever add impaired evidence
 * (they extend an episode, or add one that ended at the newer state we hold), which keeps results
 * close to order-independent for modestly late data. Limit: a recovery is dated by the latest
 * update of its tick (the summary keeps no list of updates), so a service that recovers and is
 * refreshed UP within one tick is counted up to one tick longer than it was impaired.
 *
 * <p>Bounded state: a timer per entity drives window expiry, staleness (an impairment not
 * refreshed for maxOpen is dropped: a silent source must not keep a component suspect) and
 * clean-up (a service UP and quiet for idleAfter, in no open incident, is reset to nothing).
 */
final class ServiceStates {

    static final long NONE = Long.MIN_VALUE;
    static final long ONGOING = Long.MAX_VALUE;
    static final byte TRACKED = 1;
    static final byte IMPAIRED = 2;
    static final byte COUNTED = 4;
    /** Impaired member of an expired incident: not counted again until it recovers. */
    static final byte SUPPRESSED = 8;

    private final DependencyGraph graph;
    private final ComponentCounts counts;
    private final BaseRates rates;
    private final PendingHealth pending;
    private final TimerBuckets timers;
    private final double minConfidence;
    private final long window;
    private final long maxOpen;
    private final long idleAfter;

    // per entity, indexed by entity id; read through the accessors below
    private final byte[] level;
    private final double[] confidence;
    private final long[] lastTime;
    private final long[] episodeStart;
    private final long[] episodeEnd;
    private final int[] region;
    private final byte[] flags;
    private final int[] countedRegion;
    private final int[] countedWeight;
    private final int[] memberships;
    private final IntList counted = new IntList(1024);
    private final int[] countedPosition;
    private int tracked;
    private long staleDropped;
    private final IntList due = new IntList(1024);

    ServiceStates(DependencyGraph graph, CorrelationConfig config, ComponentCounts counts, BaseRates rates,
                  PendingHealth pending) {
        int n = graph.size();
        this.graph = graph;
        this.counts = counts;
        this.rates = rates;
        this.pending = pending;
        this.timers = new TimerBuckets(n, config.tickMillis());
        this.minConfidence = config.minConfidence();
        this.window = config.windowMillis();
        this.maxOpen = config.maxOpen().toMillis();
        this.idleAfter = config.idleAfter().toMillis();
        level = new byte[n];
        confidence = new double[n];
        lastTime = new long[n];
        episodeStart = new long[n];
        episodeEnd = new long[n];
        region = new int[n];
        flags = new byte[n];
        countedRegion = new int[n];
        countedWeight = new int[n];
        memberships = new int[n];
        countedPosition = new int[n];
        for (int e = 0; e < n; e++) {
            reset(e);
        }
    }

    boolean isImpairment(HealthLevel state, double stateConfidence) {
        return state.isImpairment() && stateConfidence >= minConfidence;
    }

    /** Folds every pending summary into the applied state, in entity order. */
    void applyPending(long now) {
        pending.dirty.drainSorted(s -> apply(s, now));
    }

    /** Runs the window-expiry, staleness and clean-up checks that are due. */
    void onTimers(long now) {
        due.clear();
        timers.pollDue(now, due);
        due.drainSorted(s -> onTimer(s, now));
    }

    private void apply(int s, long now) {
        long time = pending.lastTime[s];
        HealthLevel newLevel = HealthLevel.ofOrdinal(pending.lastLevel[s]);
        double newConfidence = pending.lastConfidence[s];
        long firstImpaired = pending.firstImpaired[s];
        int impairedRegion = pending.impairedRegion[s];
        pending.clear(s);
        if ((flags[s] & TRACKED) == 0) {
            flags[s] |= TRACKED;
            tracked++;
        }
        boolean wasImpaired = has(s, IMPAIRED);
        if (time >= lastTime[s]) {
            lastTime[s] = time;
            level[s] = (byte) newLevel.ordinal();
            confidence[s] = newConfidence;
            if (isImpairment(newLevel, newConfidence)) {
                episodeStart[s] = wasImpaired ? Math.min(episodeStart[s], firstImpaired) : firstImpaired;
                episodeEnd[s] = ONGOING;
                region[s] = impairedRegion;
                flags[s] |= IMPAIRED;
                if (!has(s, SUPPRESSED)) {
                    count(s, impairedRegion, now);
                }
            } else {
                boolean wasSuppressed = has(s, SUPPRESSED);
                flags[s] &= ~SUPPRESSED;
                if (wasImpaired) {
                    episodeEnd[s] = time;
                    flags[s] &= ~IMPAIRED;
                } else if (firstImpaired != PendingHealth.NO_IMPAIRMENT && !wasSuppressed) {
                    closedEpisode(s, firstImpaired, time, impairedRegion, now);
                }
            }
        } else if (firstImpaired != PendingHealth.NO_IMPAIRMENT && !has(s, SUPPRESSED)) {
            // everything in the batch is older than the state held: only its impairments add anything
            if (wasImpaired || (episodeEnd[s] != NONE && firstImpaired <= episodeEnd[s])) {
                episodeStart[s] = Math.min(episodeStart[s], firstImpaired);
            } else {
                closedEpisode(s, firstImpaired, lastTime[s], impairedRegion, now);
            }
        }
        reschedule(s);
    }

    /** An episode that already ended: counted only if it ended inside the current window. */
    private void closedEpisode(int s, long start, long end, int reportedRegion, long now) {
        episodeStart[s] = start;
        episodeEnd[s] = end;
        region[s] = reportedRegion;
        if (end + window > now) {
            count(s, reportedRegion, now);
        }
    }

    private void onTimer(int s, long now) {
        if (has(s, IMPAIRED)) {
            if (lastTime[s] + maxOpen <= now) {
                flags[s] &= ~(IMPAIRED | SUPPRESSED);
                level[s] = (byte) HealthLevel.UNKNOWN.ordinal();
                episodeEnd[s] = lastTime[s] + maxOpen;
                uncount(s);
                staleDropped++;
            }
        } else if (has(s, COUNTED)) {
            if (episodeEnd[s] + window <= now) {
                uncount(s);
            }
        } else if (lastTime[s] + idleAfter <= now && memberships[s] == 0 && !pending.has(s)) {
            forget(s);
            return;
        }
        reschedule(s);
    }

    private void count(int s, int reportedRegion, long now) {
        if (!graph.isService(s)) {
            return;
        }
        if (has(s, COUNTED)) {
            if (countedRegion[s] == reportedRegion) {
                return;
            }
            counts.remove(s, countedRegion[s], countedWeight[s]);
        } else {
            flags[s] |= COUNTED;
            countedPosition[s] = counted.size();
            counted.add(s);
        }
        int weight = rates.serviceWeight(s, now);
        counts.add(s, reportedRegion, weight);
        countedRegion[s] = reportedRegion;
        countedWeight[s] = weight;
    }

    /** Re-adds a counted service from a snapshot, with the weight it was counted with. */
    void restoreCounted(int s, int reportedRegion, int weight) {
        flags[s] |= COUNTED;
        countedPosition[s] = counted.size();
        counted.add(s);
        counts.add(s, reportedRegion, weight);
        countedRegion[s] = reportedRegion;
        countedWeight[s] = weight;
    }

    private void uncount(int s) {
        if (!has(s, COUNTED)) {
            return;
        }
        counts.remove(s, countedRegion[s], countedWeight[s]);
        flags[s] &= ~COUNTED;
        int at = countedPosition[s];
        int last = counted.removeLast();
        if (last != s) {
            counted.set(at, last);
            countedPosition[last] = at;
        }
    }

    /** An expired incident's member that is still impaired stops counting until it recovers. */
    void suppress(int s) {
        if (has(s, IMPAIRED)) {
            flags[s] |= SUPPRESSED;
            uncount(s);
            reschedule(s);
        }
    }

    void join(int s) {
        memberships[s]++;
    }

    void release(int s) {
        memberships[s]--;
    }

    /**
     * Sets the entity's one timer to its next check. A check already due is not pushed past now:
     * timers run after pending updates are applied, so a service refreshed UP every minute still
     * leaves the window on time (pushing it to "now + 1" would postpone it forever).
     */
    void reschedule(int s) {
        long dueAt;
        if (has(s, IMPAIRED)) {
            dueAt = lastTime[s] + maxOpen;
        } else if (has(s, COUNTED)) {
            dueAt = episodeEnd[s] + window;
        } else {
            dueAt = lastTime[s] + idleAfter;
        }
        timers.schedule(s, dueAt);
    }

    private void forget(int s) {
        timers.cancel(s);
        reset(s);
        tracked--;
    }

    private void reset(int s) {
        level[s] = (byte) HealthLevel.UP.ordinal();
        confidence[s] = 0.0;
        lastTime[s] = NONE;
        episodeStart[s] = NONE;
        episodeEnd[s] = NONE;
        region[s] = DependencyGraph.NO_REGION;
        flags[s] = 0;
        countedRegion[s] = DependencyGraph.NO_REGION;
        countedWeight[s] = 0;
    }

    boolean has(int s, byte flag) {
        return (flags[s] & flag) != 0;
    }

    boolean isImpaired(int s) {
        return has(s, IMPAIRED);
    }

    HealthLevel level(int s) {
        return HealthLevel.ofOrdinal(level[s]);
    }

    /** Applied level (an ordinal of {@link HealthLevel}), for snapshots. */
    byte levelOrdinal(int s) {
        return level[s];
    }

    double confidence(int s) {
        return confidence[s];
    }

    /** Event time of the newest applied update, or {@link #NONE}. */
    long lastTime(int s) {
        return lastTime[s];
    }

    /** Start of the current or last impairment episode, or {@link #NONE}. */
    long episodeStart(int s) {
        return episodeStart[s];
    }

    /** End of the last impairment episode, {@link #ONGOING} while impaired, or {@link #NONE}. */
    long episodeEnd(int s) {
        return episodeEnd[s];
    }

    /** Region the impairment was reported in, or {@link DependencyGraph#NO_REGION}. */
    int region(int s) {
        return region[s];
    }

    byte flags(int s) {
        return flags[s];
    }

    /** Region the service is counted in toward its ancestors (meaningful while {@link #COUNTED}). */
    int countedRegion(int s) {
        return countedRegion[s];
    }

    /** Surprise weight the service is counted with (meaningful while {@link #COUNTED}). */
    int countedWeight(int s) {
        return countedWeight[s];
    }

    /** Member of at least one open incident. */
    boolean isMember(int s) {
        return memberships[s] > 0;
    }

    /** Counted services, in no particular order (a live view: do not keep it across state changes). */
    IntList counted() {
        return counted;
    }

    /** Entities with applied state. */
    int trackedCount() {
        return tracked;
    }

    /** Impairments dropped because nothing refreshed them for maxOpen. */
    long staleDropped() {
        return staleDropped;
    }

    int timerCount() {
        return timers.size();
    }

    /** The entity's timer bucket, or {@link TimerBuckets#NONE}. */
    long timerDueAt(int s) {
        return timers.dueAt(s);
    }

    /**
     * Restores one entity's applied state from a snapshot ({@code restoredFlags} without
     * {@link #COUNTED}: counted services come back through {@link #restoreCounted}).
     */
    void restore(int s, byte restoredLevel, double restoredConfidence, long restoredLastTime, long restoredStart,
                 long restoredEnd, int restoredRegion, byte restoredFlags, long timerBucket) {
        level[s] = restoredLevel;
        confidence[s] = restoredConfidence;
        lastTime[s] = restoredLastTime;
        episodeStart[s] = restoredStart;
        episodeEnd[s] = restoredEnd;
        region[s] = restoredRegion;
        flags[s] = (byte) (restoredFlags & ~COUNTED);
        if (has(s, TRACKED)) {
            tracked++;
        }
        if (timerBucket != TimerBuckets.NONE) {
            timers.scheduleAtBucket(s, timerBucket);
        }
    }

    void restoreStaleDropped(long dropped) {
        staleDropped = dropped;
    }

    /** Counted services in ascending entity order (a copy: callers iterate while state changes). */
    int[] countedSorted() {
        int[] sorted = counted.toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
