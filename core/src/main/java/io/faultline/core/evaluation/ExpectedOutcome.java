package io.faultline.core.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a replay of a past outage should conclude ({@code replays/<id>/expected.json}).
 *
 * @param replayId              folder name of the replay
 * @param cause                 catalog id of the shared cause, e.g. {@code aws/us-east-1}
 * @param causeIsCloudOrCdn     false for hard negatives such as CrowdStrike 2024-07-19
 * @param affectedServices      services the public record shows impaired
 * @param firstSignal           earliest documented impairment (may be a provider-window inference)
 * @param firstEvidencedSignal  earliest impairment with service-specific evidence, or null
 * @param providerAcknowledged  the provider's first public acknowledgement, or null
 * @param mustNotBlame          component ids or {@code prefix/*} patterns no incident may name as cause
 * @param allowedConfounders    real unrelated outages in the same window that may be named for some services
 */
public record ExpectedOutcome(String replayId, String cause, boolean causeIsCloudOrCdn, Set<String> affectedServices,
                              Instant firstSignal, Instant firstEvidencedSignal, Instant providerAcknowledged,
                              List<String> mustNotBlame, List<AllowedConfounder> allowedConfounders) {

    public ExpectedOutcome {
        Objects.requireNonNull(replayId, "replayId");
        Objects.requireNonNull(cause, () -> "cause of replay " + replayId);
        Objects.requireNonNull(firstSignal, () -> "firstSignal of replay " + replayId);
        affectedServices = Set.copyOf(affectedServices);
        mustNotBlame = List.copyOf(mustNotBlame);
        allowedConfounders = List.copyOf(allowedConfounders);
    }

    /** True when {@code componentId} matches one of {@link #mustNotBlame} ({@code aws} or {@code aws/*}). */
    public boolean forbidsBlaming(String componentId) {
        if (componentId == null) {
            return false;
        }
        for (String pattern : mustNotBlame) {
            if (pattern.endsWith("/*") ? componentId.startsWith(pattern.substring(0, pattern.length() - 1))
                    : componentId.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A real, unrelated outage that overlaps a replay: naming {@code component} as the cause of
     * an incident whose members are all in {@code allowedFor}, opened inside the window, is correct.
     */
    public record AllowedConfounder(String component, Set<String> allowedFor, Instant windowStart, Instant windowEnd) {

        public AllowedConfounder {
            Objects.requireNonNull(component, "component");
            allowedFor = Set.copyOf(allowedFor);
        }

        boolean explains(String causeId, Set<String> members, Instant openedAt) {
            return component.equals(causeId) && allowedFor.containsAll(members)
                    && !openedAt.isBefore(windowStart) && openedAt.isBefore(windowEnd);
        }
    }
}
