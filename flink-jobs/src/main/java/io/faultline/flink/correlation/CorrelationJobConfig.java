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
 * @param idleInput         STREAMING only: a Kafka partition of an input that delivers nothing for this long (wall
 *                          time) stops holding event time back, so the last ticks of a quiet stream (an incident's
 *                          RESOLVED revision) run this long after its last record instead of waiting for more input.
 *                          The trade-off: a partition that is merely slow (lagging more than this behind the others)
 *                          is taken as idle, and what it then delivers behind the watermark is late, applied at the
 *                          next tick rather than at its own (and dropped past the engine's allowedLateness). BATCH
 *                          runs have no watermarks and are unaffected.
 */
public record CorrelationJobConfig(CorrelationConfig engine, Duration maxOutOfOrderness, Duration drainAfterInput,
                                   Duration idleInput)
        implements Serializable {

    public static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    public static final Duration DRAIN_AFTER_INPUT = Duration.ofHours(1);
    /**
     * One minute. Five seconds was tried (the final revision then lands within ten): in a fast replay through the
     * live pipeline the health stage's output paused for longer than that while the signals went on, the signals
     * carried event time past the health changes still to come, and the demo detected nothing (DemoIT, 2026-12-05).
     * A bound shorter than the health stage's longest pause needs the health stage to publish its progress.
     */
    public static final Duration IDLE_INPUT = Duration.ofMinutes(1);
    /**
     * A Kafka partition that has delivered nothing yet holds event time back this long before it counts as idle
     * (the health stage's first changes trail the signals they come from; see IdleAwareWatermarks).
     */
    public static final Duration STARTUP_GRACE = Duration.ofMinutes(1);

    public CorrelationJobConfig {
        Objects.requireNonNull(engine, "engine");
        if (maxOutOfOrderness == null || maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("maxOutOfOrderness must be zero or positive, was " + maxOutOfOrderness);
        }
        if (drainAfterInput == null || drainAfterInput.isNegative()) {
            throw new IllegalArgumentException("drainAfterInput must be zero or positive, was " + drainAfterInput);
        }
        if (idleInput == null || idleInput.isNegative() || idleInput.isZero()) {
            throw new IllegalArgumentException("idleInput must be positive, was " + idleInput);
        }
    }

    public static CorrelationJobConfig defaults() {
        return new CorrelationJobConfig(CorrelationConfig.defaults(), MAX_OUT_OF_ORDERNESS, DRAIN_AFTER_INPUT, IDLE_INPUT);
    }

    public CorrelationJobConfig withMaxOutOfOrderness(Duration value) {
        return new CorrelationJobConfig(engine, value, drainAfterInput, idleInput);
    }

    public CorrelationJobConfig withDrainAfterInput(Duration value) {
        return new CorrelationJobConfig(engine, maxOutOfOrderness, value, idleInput);
    }

    public CorrelationJobConfig withIdleInput(Duration value) {
        return new CorrelationJobConfig(engine, maxOutOfOrderness, drainAfterInput, value);
    }
}
