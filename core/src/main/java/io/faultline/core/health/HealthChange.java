package io.faultline.core.health;

import java.time.Instant;
import java.util.List;

import io.faultline.core.correlation.HealthLevel;

/**
 * A change of one entity's health, emitted only when the state changes.
 *
 * @param since     event time from which the new state holds (its first evidence, or the start of
 *                  the calm period for a recovery)
 * @param eventTime event time of the evaluation that tipped it
 * @param evidence  strongest first
 */
public record HealthChange(String entityId, HealthLevel state, HealthLevel previous, double confidence,
                           Instant since, String region, List<Evidence> evidence, Instant eventTime) {

    public HealthChange {
        evidence = List.copyOf(evidence);
    }
}
