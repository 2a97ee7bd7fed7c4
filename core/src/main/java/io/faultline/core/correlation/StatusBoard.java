package io.faultline.core.correlation;

import java.util.Arrays;

/**
 * What each component's own status page says, folded like health updates: a per-tick,
 * order-independent summary (latest report wins, trouble wins a tie, earliest trouble is kept),
 * applied at the tick. Trouble that is not re-reported for maxOpen is dropped; a component whose
 * page is quiet is forgotten after idleAfter, so the board empties once pages go green.
 */
final class StatusBoard {

    static final long NONE = Long.MIN_VALUE;
    private static final long NO_TROUBLE = Long.MAX_VALUE;

    final boolean[] troubled;
    final long[] since;
    final long[] lastTime;
    final long[] pendingTime;
    final boolean[] pendingTroubled;
    final long[] pendingFirstTroubled;
    final TimerBuckets timers;
    private final IntList dirty = new IntList(64);
    private final IntList due = new IntList(64);
    /** Components whose trouble started, moved or ended in the current tick. */
    private final boolean[] changed;
    private final IntList changedList = new IntList(64);
    private final long maxOpen;
    private final long idleAfter;
    int troubledCount;
    int trackedCount;

    StatusBoard(int entities, CorrelationConfig config) {
        troubled = new boolean[entities];
        since = new long[entities];
        lastTime = new long[entities];
        pendingTime = new long[entities];
        pendingTroubled = new boolean[entities];
        pendingFirstTroubled = new long[entities];
        changed = new boolean[entities];
        timers = new TimerBuckets(entities, config.tickMillis());
        maxOpen = config.maxOpen().toMillis();
        idleAfter = config.idleAfter().toMillis();
        Arrays.fill(since, NONE);
        Arrays.fill(lastTime, NONE);
        Arrays.fill(pendingTime, NONE);
        Arrays.fill(pendingFirstTroubled, NO_TROUBLE);
    }

    void record(int component, boolean isTroubled, long time) {
        if (pendingTime[component] == NONE) {
            dirty.add(component);
            pendingTime[component] = time;
            pendingTroubled[component] = isTroubled;
        } else if (time > pendingTime[component] || (time == pendingTime[component] && isTroubled)) {
            pendingTime[component] = time;
            pendingTroubled[component] = isTroubled;
        }
        if (isTroubled && time < pendingFirstTroubled[component]) {
            pendingFirstTroubled[component] = time;
        }
    }

    void applyPending() {
        for (int i = 0; i < changedList.size(); i++) {
            changed[changedList.get(i)] = false;
        }
        changedList.clear();
        dirty.drainSorted(this::apply);
    }

    void onTimers(long now) {
        due.clear();
        timers.pollDue(now, due);
        due.drainSorted(c -> {
            if (troubled[c] && lastTime[c] + maxOpen <= now) {
                setTroubled(c, false, NONE);
            }
            if (!troubled[c] && lastTime[c] + idleAfter <= now) {
                lastTime[c] = NONE;
                trackedCount--;
            } else {
                reschedule(c);
            }
        });
    }

    boolean changedThisTick(int component) {
        return changed[component];
    }

    int pendingCount() {
        return dirty.size();
    }

    private void apply(int c) {
        long time = pendingTime[c];
        boolean isTroubled = pendingTroubled[c];
        long firstTroubled = pendingFirstTroubled[c];
        pendingTime[c] = NONE;
        pendingFirstTroubled[c] = NO_TROUBLE;
        if (lastTime[c] == NONE) {
            trackedCount++;
        }
        if (time >= lastTime[c]) {
            lastTime[c] = time;
            if (isTroubled) {
                setTroubled(c, true, troubled[c] ? Math.min(since[c], firstTroubled) : firstTroubled);
            } else {
                setTroubled(c, false, NONE);
            }
        } else if (firstTroubled != NO_TROUBLE && troubled[c] && firstTroubled < since[c]) {
            setTroubled(c, true, firstTroubled);
        }
        reschedule(c);
    }

    private void setTroubled(int c, boolean isTroubled, long newSince) {
        if (troubled[c] != isTroubled || since[c] != newSince) {
            troubledCount += (isTroubled ? 1 : 0) - (troubled[c] ? 1 : 0);
            troubled[c] = isTroubled;
            since[c] = newSince;
            if (!changed[c]) {
                changed[c] = true;
                changedList.add(c);
            }
        }
    }

    /** Applied state of one component from a snapshot. */
    void restore(int c, boolean isTroubled, long troubleSince, long last, long timerDue) {
        troubled[c] = isTroubled;
        since[c] = troubleSince;
        lastTime[c] = last;
        troubledCount += isTroubled ? 1 : 0;
        trackedCount += last != NONE ? 1 : 0;
        if (timerDue != TimerBuckets.NONE) {
            timers.scheduleAtBucket(c, timerDue);
        }
    }

    /** Pending summary of one component from a snapshot. */
    void restorePending(int c, long time, boolean isTroubled, long firstTroubled) {
        pendingTime[c] = time;
        pendingTroubled[c] = isTroubled;
        pendingFirstTroubled[c] = firstTroubled;
        dirty.add(c);
    }

    /** Next check of the component's page; a check already due runs at this tick's timers or the next. */
    void reschedule(int c) {
        timers.schedule(c, troubled[c] ? lastTime[c] + maxOpen : lastTime[c] + idleAfter);
    }
}
