package io.faultline.flink.correlation;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per-partition event time of the correlation job's Kafka inputs: the newest record time minus the
 * out-of-orderness bound, and idleness with two bounds.
 *
 * <ul>
 *   <li>A partition that has delivered records and then nothing for {@code idle} (wall time) stops holding
 *       event time back. That is what lets a quiet stream's last ticks run (an incident's RESOLVED revision
 *       comes {@code idle} after the last health change, not when the next one happens to arrive).</li>
 *   <li>A partition that has delivered nothing yet is given {@code startupGrace} before it counts as idle:
 *       at start-up the health stage trails the signals it is computed from (a fast replay's first health
 *       changes came ~25 s after its signals on the two-core bench machine), and the signals must not carry
 *       event time past health changes that are merely not written yet.</li>
 * </ul>
 * The trade-off: a partition that stalls for longer than {@code idle} after it started is taken as idle, and
 * what it then delivers behind the watermark is late (applied at the next tick, see {@link CorrelateFunction}).
 * Flink's own {@code withIdleness} has one bound for both cases.
 */
final class IdleAwareWatermarks<T> implements WatermarkGenerator<T> {

    private final long outOfOrderness;
    private final long idleNanos;
    private final long graceNanos;
    private final LongSupplier nanoClock;
    private final long created;
    private long newest = Long.MIN_VALUE;
    private long lastRecordAt;
    private boolean seenRecord;
    private boolean idle;

    IdleAwareWatermarks(Duration outOfOrderness, Duration idle, Duration startupGrace, LongSupplier nanoClock) {
        this.outOfOrderness = outOfOrderness.toMillis();
        this.idleNanos = idle.toNanos();
        this.graceNanos = startupGrace.toNanos();
        this.nanoClock = nanoClock;
        this.created = nanoClock.getAsLong();
    }

    /** The strategy for records whose timestamp is their event time. */
    static <T> WatermarkStrategy<T> strategy(Duration outOfOrderness, Duration idle, Duration startupGrace) {
        return WatermarkStrategy.forGenerator(context -> new IdleAwareWatermarks<T>(outOfOrderness, idle, startupGrace,
                System::nanoTime));
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        newest = Math.max(newest, eventTimestamp);
        lastRecordAt = nanoClock.getAsLong();
        seenRecord = true;
        idle = false;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = nanoClock.getAsLong();
        boolean quiet = seenRecord ? now - lastRecordAt >= idleNanos : now - created >= graceNanos;
        if (quiet) {
            if (!idle) {
                output.markIdle();
                idle = true;
            }
            return;
        }
        if (seenRecord) {
            output.emitWatermark(new Watermark(newest - outOfOrderness - 1));
        }
    }
}
