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
 * @param quietInput        STREAMING only: once the job has received nothing at all on its inputs for this long (wall
 *                          time) and the stages writing them say they are caught up ({@link UpstreamGate}: the Kafka
 *                          Streams application has committed the end of its inputs), the job takes event time to
 *                          have reached its newest input and runs the ticks up to it, without waiting for
 *                          {@code maxOutOfOrderness} and {@code idleInput}. That puts the last revision of a burst
 *                          (RESOLVED) a few seconds after the last record instead of a minute. The trade-off: a record
 *                          that reaches the job after such a flush (written after the check) is applied a tick late.
 *                          Without a gate, or zero, the job waits for its watermark.
 */
public record CorrelationJobConfig(CorrelationConfig engine, Duration maxOutOfOrderness, Duration drainAfterInput,
                                   Duration idleInput, Duration quietInput)
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
    /** Three seconds of silence on every input: the ticks up to the newest input run (see {@code quietInput}). */
    public static final Duration QUIET_INPUT = Duration.ofSeconds(3);

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
        if (quietInput == null || quietInput.isNegative()) {
            throw new IllegalArgumentException("quietInput must be zero (off) or positive, was " + quietInput);
        }
    }

    public static CorrelationJobConfig defaults() {
        return new CorrelationJobConfig(CorrelationConfig.defaults(), MAX_OUT_OF_ORDERNESS, DRAIN_AFTER_INPUT, IDLE_INPUT,
                QUIET_INPUT);
    }

    public CorrelationJobConfig withMaxOutOfOrderness(Duration value) {
        return new CorrelationJobConfig(engine, value, drainAfterInput, idleInput, quietInput);
    }

    public CorrelationJobConfig withDrainAfterInput(Duration value) {
        return new CorrelationJobConfig(engine, maxOutOfOrderness, value, idleInput, quietInput);
    }

    public CorrelationJobConfig withIdleInput(Duration value) {
        return new CorrelationJobConfig(engine, maxOutOfOrderness, drainAfterInput, value, quietInput);
    }

    public CorrelationJobConfig withQuietInput(Duration value) {
        return new CorrelationJobConfig(engine, maxOutOfOrderness, drainAfterInput, idleInput, value);
    }
}
