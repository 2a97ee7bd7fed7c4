package io.faultline.streams;

import java.time.Duration;
import java.util.Objects;

import io.faultline.core.health.HealthConfig;

/**
 * What the normalise and health stages decide with, shared by the topology and the offline
 * pipeline so both judge alike.
 *
 * @param health          thresholds of the health machine (its {@code tick} is the punctuation interval)
 * @param dedupeRetention how long a raw observation's natural key is remembered; a duplicate
 *                        arriving later than this (by record time) is not recognised
 */
public record PipelineSettings(HealthConfig health, Duration dedupeRetention) {

    public PipelineSettings {
        Objects.requireNonNull(health, "health");
        if (dedupeRetention == null || dedupeRetention.isNegative() || dedupeRetention.isZero()) {
            throw new IllegalArgumentException("dedupe retention: must be a positive duration, was " + dedupeRetention);
        }
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(HealthConfig.defaults(), Duration.ofHours(6));
    }
}
