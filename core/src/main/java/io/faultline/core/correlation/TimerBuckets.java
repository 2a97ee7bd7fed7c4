package io.faultline.core.correlation;

import java.util.Map;
import java.util.TreeMap;

/**
 * At most one pending timer per entity, bucketed by due time rounded up to the tick granularity.
 * Window expiry, idle clean-up and staleness checks are driven by these timers, so a tick touches
 * only the entities that are due instead of scanning all of them.
 *
 * <p>Rescheduling cancels the previous timer in O(1) (swap-remove inside its bucket), so the
 * number of pending timers never exceeds the number of entities, however often a service flaps.
 */
final class TimerBuckets {

    static final long NONE = Long.MIN_VALUE;

    private final long granularity;
    private final TreeMap<Long, IntList> buckets = new TreeMap<>();
    private final long[] dueAt;
    private final int[] position;
    private int scheduled;

    TimerBuckets(int entities, long granularityMillis) {
        this.granularity = granularityMillis;
        this.dueAt = new long[entities];
        this.position = new int[entities];
        java.util.Arrays.fill(dueAt, NONE);
    }

    /** Schedules (or moves) the entity's timer to the first bucket at or after {@code time}. */
    void schedule(int entity, long time) {
        long key = Math.floorDiv(time, granularity) * granularity;
        if (key < time) {
            key += granularity;
        }
        scheduleAtBucket(entity, key);
    }

    /** Restores a timer at an exact bucket key taken from a snapshot. */
    void scheduleAtBucket(int entity, long key) {
        if (dueAt[entity] == key) {
            return;
        }
        cancel(entity);
        IntList bucket = buckets.computeIfAbsent(key, k -> new IntList(8));
        position[entity] = bucket.size();
        bucket.add(entity);
        dueAt[entity] = key;
        scheduled++;
    }

    void cancel(int entity) {
        long key = dueAt[entity];
        if (key == NONE) {
            return;
        }
        IntList bucket = buckets.get(key);
        int at = position[entity];
        int last = bucket.removeLast();
        if (last != entity) {
            bucket.set(at, last);
            position[last] = at;
        }
        if (bucket.isEmpty()) {
            buckets.remove(key);
        }
        dueAt[entity] = NONE;
        scheduled--;
    }

    /** Removes every timer due at or before {@code now} and appends its entity to {@code out}. */
    void pollDue(long now, IntList out) {
        while (!buckets.isEmpty() && buckets.firstKey() <= now) {
            Map.Entry<Long, IntList> bucket = buckets.pollFirstEntry();
            IntList entities = bucket.getValue();
            for (int i = 0; i < entities.size(); i++) {
                int entity = entities.get(i);
                dueAt[entity] = NONE;
                out.add(entity);
            }
            scheduled -= entities.size();
        }
    }

    /** Bucket key of the entity's timer, or {@link #NONE}. */
    long dueAt(int entity) {
        return dueAt[entity];
    }

    int size() {
        return scheduled;
    }
}
