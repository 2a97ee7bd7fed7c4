package io.faultline.core.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the pipeline did on one replay. Durations are null when they cannot be measured (nothing
 * detected, or no acknowledgement on record).
 *
 * @param detected              one incident, whatever its cause, held at least {@link ReplayScorer#DETECTION_SHARE}
 *                              of the expected services
 * @param namedCause            cause of the best-matching incident ({@code null} = unknown shared cause, or none)
 * @param causeCorrect          naming, top-1: the best-matching incident named the expected cause
 * @param confidence            that incident's cause confidence at its last revision
 * @param openedAt              when that incident was first emitted (event time)
 * @param sinceFirstSignal      openedAt − the documented first signal
 * @param sinceFirstEvidenced   openedAt − the first service-specific signal
 * @param sinceFirstImpaired    openedAt − the first impaired service the pipeline itself saw
 * @param leadOverAck           provider acknowledgement − openedAt (positive = ahead of the provider)
 * @param servicesFound         expected services that were members of the best-matching incident
 * @param servicesHeld          most expected services any one incident held, whatever its cause (detection)
 * @param servicesExpected      size of the expected set
 * @param incidents             incidents opened during the replay
 * @param correctIncidents      incidents with expected services and the expected cause, or explained by an allowed confounder
 * @param falseIncidents        incidents with no expected service that no allowed confounder explains
 * @param forbiddenBlames       causes named that the replay forbids (e.g. a cloud in the CrowdStrike replay)
 */
public record ReplayScore(String replayId, boolean detected, String namedCause, boolean causeCorrect,
                          double confidence, Instant openedAt, Duration sinceFirstSignal,
                          Duration sinceFirstEvidenced, Duration sinceFirstImpaired, Duration leadOverAck,
                          int servicesFound, int servicesHeld, int servicesExpected, int incidents, int correctIncidents,
                          int falseIncidents,
                          List<String> forbiddenBlames) {

    public ReplayScore {
        forbiddenBlames = List.copyOf(forbiddenBlames);
    }

    /** Passed: detected, cause named, nothing forbidden blamed. */
    public boolean passed() {
        return detected && causeCorrect && forbiddenBlames.isEmpty();
    }
}
