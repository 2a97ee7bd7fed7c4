package io.faultline.core.evaluation;

import java.util.List;

/**
 * Precision and recall over a library of replays.
 *
 * <p>Detection rate is the share of replays an incident detected (it held the affected services,
 * whatever its cause); recall (naming) is the share whose shared cause was named (top-1). Precision is the share
 * of opened incidents that were right: they contained expected services and named the expected
 * cause, or an allowed confounder explains them. An incident naming the wrong cause, a false
 * incident among healthy services and a forbidden blame all lower precision.
 */
public record LibraryScore(int replays, int detected, int causesCorrect, int incidents, int correctIncidents,
                           int forbiddenBlames) {

    public static LibraryScore of(List<ReplayScore> scores) {
        int detected = 0;
        int correct = 0;
        int incidents = 0;
        int forbidden = 0;
        int correctIncidents = 0;
        for (int i = 0; i < scores.size(); i++) {
            ReplayScore s = scores.get(i);
            detected += s.detected() ? 1 : 0;
            correct += s.causeCorrect() ? 1 : 0;
            incidents += s.incidents();
            forbidden += s.forbiddenBlames().isEmpty() ? 0 : 1;
            correctIncidents += s.correctIncidents();
        }
        return new LibraryScore(scores.size(), detected, correct, incidents, correctIncidents, forbidden);
    }

    public double detectionRate() {
        return replays == 0 ? 0 : (double) detected / replays;
    }

    /** Naming rate: replays whose cause was named, over all replays. */
    public double recall() {
        return replays == 0 ? 0 : (double) causesCorrect / replays;
    }

    public double precision() {
        return incidents == 0 ? 0 : (double) correctIncidents / incidents;
    }
}
