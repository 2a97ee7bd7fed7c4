package io.faultline.core.synthetic;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.HealthLevel;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * SYNTHETIC health updates in event time, at a fixed event-time rate: mostly UP refreshes of random
 * services, a small background of short impairments, and one scripted outage (every dependent of
 * one region DOWN between {@code outageStart} and {@code outageEnd}). Deterministic for a seed.
 */
public final class SyntheticHealthStream {

    private final DependencyGraph graph;
    private final SplittableRandom random;
    private final int[] services;
    private final boolean[] inOutage;
    private final long start;
    private final double millisPerUpdate;
    private final long outageStart;
    private final long outageEnd;
    private final double backgroundDownProbability;
    private long produced;

    /**
     * @param updatesPerEventSecond     event-time rate of the stream
     * @param backgroundDownProbability chance that an update outside the outage is DOWN
     * @param outageRegionId            region whose dependents all fail during the outage
     */
    public SyntheticHealthStream(DependencyGraph graph, long seed, Instant start, double updatesPerEventSecond,
                                 double backgroundDownProbability, String outageRegionId, Instant outageStart,
                                 Instant outageEnd) {
        this.graph = graph;
        this.random = new SplittableRandom(seed);
        int count = 0;
        int[] all = new int[graph.serviceCount()];
        for (int e = 0; e < graph.size(); e++) {
            if (graph.isService(e)) {
                all[count++] = e;
            }
        }
        this.services = all;
        this.inOutage = new boolean[graph.size()];
        int region = graph.indexOf(outageRegionId);
        for (int s : services) {
            inOutage[s] = region >= 0 && graph.isAncestor(region, s);
        }
        this.start = start.toEpochMilli();
        this.millisPerUpdate = 1000.0 / updatesPerEventSecond;
        this.outageStart = outageStart.toEpochMilli();
        this.outageEnd = outageEnd.toEpochMilli();
        this.backgroundDownProbability = backgroundDownProbability;
    }

    /** Fills the batch with the next updates of the stream, all with times before {@code until}. */
    public void fill(UpdateBatch batch, long until) {
        batch.size = 0;
        while (batch.size < batch.capacity()) {
            long time = start + (long) (produced * millisPerUpdate);
            if (time >= until) {
                return;
            }
            int s = services[random.nextInt(services.length)];
            boolean outage = inOutage[s] && time >= outageStart && time < outageEnd;
            boolean down = outage || random.nextDouble() < backgroundDownProbability;
            int i = batch.size++;
            batch.entity[i] = s;
            batch.level[i] = down ? HealthLevel.DOWN : HealthLevel.UP;
            batch.time[i] = time;
            batch.region[i] = DependencyGraph.NO_REGION;
            produced++;
        }
    }

    public long produced() {
        return produced;
    }

    public int outageServices() {
        int count = 0;
        for (int s : services) {
            count += inOutage[s] ? 1 : 0;
        }
        return count;
    }

    public DependencyGraph graph() {
        return graph;
    }
}
