package io.faultline.flink.correlation;

import io.faultline.core.correlation.CorrelationConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the correlation job around the engine's own.
 *
 * @param engine            the correlation engine's configuration (window, tick interval, thresholds, lateness)
 * @param maxOutOfOrderness how far behind the newest input an input may arrive and still be applied exactly as a
 *                          batch run applies it (the watermark lags the newest input by this much, so incidents are
 *                          emitted this much later in wall-clock time). Later inputs are still used if within the
 *                          engine's allowedLateness, at the next tick.
 * @param drainAfterInput   at end of input (a bounded run, or a drained stop) the job keeps ticking this long past the
 *                          newest input so that open incidents can resolve
 */
public record CorrelationJobConfig(CorrelationConfig engine, Duration maxOutOfOrderness, Duration drainAfterInput)
        implements Serializable {

    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final Duration DRAIN_AFTER_INPUT = Duration.ofHours(1);

    public CorrelationJobConfig {
        Objects.requireNonNull(engine, "engine");
        if (maxOutOfOrderness == null || maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("maxOutOfOrderness must be zero or positive, was " + maxOutOfOrderness);
        }
        if (drainAfterInput == null || drainAfterInput.isNegative()) {
            throw new IllegalArgumentException("drainAfterInput must be zero or positive, was " + drainAfterInput);
        }
    }

    public static CorrelationJobConfig defaults() {
        return new CorrelationJobConfig(CorrelationConfig.defaults(), MAX_OUT_OF_ORDERNESS, DRAIN_AFTER_INPUT);
    }

    public CorrelationJobConfig withMaxOutOfOrderness(Duration value) {
        return new CorrelationJobConfig(engine, value, drainAfterInput);
    }

    public CorrelationJobConfig withDrainAfterInput(Duration value) {
        return new CorrelationJobConfig(engine, maxOutOfOrderness, value);
    }
}
