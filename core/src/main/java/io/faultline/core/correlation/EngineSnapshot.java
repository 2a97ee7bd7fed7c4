package io.faultline.core.correlation;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything the engine needs to resume, as plain serialisable values (records, arrays, strings),
 * for a Flink operator's checkpointed state. Per-entity arrays are aligned with {@link #entityIds}
 * (component rate arrays have one extra slot at the end for the virtual root, which the engine
 * keeps in fields of its own); region indices refer to {@link #regionCodes}. Restoring maps both
 * by id, so a snapshot restores onto a changed catalog.
 * Derived state (counts per component, timers' buckets, lists) is rebuilt, not stored.
 *
 * <p>Records holding arrays compare by identity: compare snapshots by what they restore to.
 */
public record EngineSnapshot(CorrelationConfig config, String[] entityIds, String[] regionCodes, long firstTick, long lastTick,
                             long droppedLate, long unknownEntities, Entities entities, Rates rates,
                             StatusPages statusPages, List<IncidentSnapshot> incidents, byte[] network)
        implements Serializable {

    /** Applied and pending health per entity. */
    public record Entities(byte[] level, double[] confidence, long[] lastTime, long[] episodeStart, long[] episodeEnd,
                           int[] region, byte[] flags, int[] countedRegion, int[] countedWeight, long[] timerDue,
                           long[] pendingLastTime, byte[] pendingLastLevel, double[] pendingLastConfidence,
                           int[] pendingLastRegion, long[] pendingFirstImpaired, long[] pendingLastImpaired,
                           int[] pendingImpairedRegion, long staleDropped) implements Serializable {
    }

    /** Decayed base-rate counts. */
    public record Rates(double windows, long windowsTime, double[] componentImpaired, double[] componentExcluded,
                        long[] componentTime,
                        double[] serviceImpaired, long[] serviceTime) implements Serializable {
    }

    /** Component status pages, applied and pending. */
    public record StatusPages(boolean[] troubled, long[] since, long[] lastTime, long[] pendingTime,
                              boolean[] pendingTroubled, long[] pendingFirstTroubled, long[] timerDue)
            implements Serializable {
    }

    /** One open incident's working state. */
    public record IncidentSnapshot(String id, long revision, IncidentState state, String causeId,
                                   Attribution attribution, Map<String, String> commonAttributes, long openedAt,
                                   int significantStreak, int quietStreak, boolean hasPendingCause,
                                   String pendingCauseId, int pendingCauseStreak, List<IncidentMember> members,
                                   List<TimelineEntry> timeline, List<String> mergedFrom,
                                   double lastEmittedConfidence) implements Serializable {
    }
}
