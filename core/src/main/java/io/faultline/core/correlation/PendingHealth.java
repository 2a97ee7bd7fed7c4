package io.faultline.core.correlation;

import java.util.Arrays;

/**
 * Health updates received since the last tick, folded per entity into an order-independent
 * summary: the latest update (by event time, ties broken by severity, then confidence, then
 * region) and the earliest and latest impaired evidence. Max/min are commutative, so the state a
 * tick sees does not depend on the order updates arrived in between two ticks, and the hot path
 * costs a handful of array writes per update: no allocation, no walk of the dependency graph.
 */
final class PendingHealth {

    static final long NONE = Long.MIN_VALUE;
    static final long NO_IMPAIRMENT = Long.MAX_VALUE;

    final long[] lastTime;
    final byte[] lastLevel;
    final double[] lastConfidence;
    final int[] lastRegion;
    final long[] firstImpaired;
    final long[] lastImpaired;
    final int[] impairedRegion;
    final IntList dirty = new IntList(1024);

    PendingHealth(int entities) {
        lastTime = new long[entities];
        lastLevel = new byte[entities];
        lastConfidence = new double[entities];
        lastRegion = new int[entities];
        firstImpaired = new long[entities];
        lastImpaired = new long[entities];
        impairedRegion = new int[entities];
        Arrays.fill(lastTime, NONE);
        Arrays.fill(firstImpaired, NO_IMPAIRMENT);
        Arrays.fill(lastImpaired, NONE);
    }

    void record(int entity, HealthLevel level, double confidence, long time, int region, boolean impaired) {
        long held = lastTime[entity];
        if (held == NONE) {
            dirty.add(entity);
            take(entity, level, confidence, time, region);
        } else if (time > held || (time == held && winsTie(entity, level, confidence, region))) {
            take(entity, level, confidence, time, region);
        }
        if (impaired) {
            if (time < firstImpaired[entity]) {
                firstImpaired[entity] = time;
            }
            if (time > lastImpaired[entity] || (time == lastImpaired[entity] && region > impairedRegion[entity])) {
                lastImpaired[entity] = time;
                impairedRegion[entity] = region;
            }
        }
    }

    boolean has(int entity) {
        return lastTime[entity] != NONE;
    }

    void clear(int entity) {
        lastTime[entity] = NONE;
        firstImpaired[entity] = NO_IMPAIRMENT;
        lastImpaired[entity] = NONE;
    }

    int size() {
        return dirty.size();
    }

    private boolean winsTie(int entity, HealthLevel level, double confidence, int region) {
        int held = HealthLevel.ofOrdinal(lastLevel[entity]).severity();
        if (level.severity() != held) {
            return level.severity() > held;
        }
        if (confidence != lastConfidence[entity]) {
            return confidence > lastConfidence[entity];
        }
        return region > lastRegion[entity];
    }

    private void take(int entity, HealthLevel level, double confidence, long time, int region) {
        lastTime[entity] = time;
        lastLevel[entity] = (byte) level.ordinal();
        lastConfidence[entity] = confidence;
        lastRegion[entity] = region;
    }
}
