package io.faultline.core.correlation;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Batch driver: feeds time-ordered inputs to an engine and ticks it on the tick grid (multiples of
 * the tick interval since the epoch), delivering every input stamped at or before a tick before
 * that tick runs. This is the schedule a streaming host reproduces with event-time timers on the
 * same grid, which is what makes incident ids and revisions agree between a replay and a live run.
 */
public final class Replay {

    private Replay() {
    }

    /** The first tick of the grid at or after {@code time}. */
    public static Instant alignedTickAtOrAfter(Instant time, Duration tickInterval) {
        long step = tickInterval.toMillis();
        long millis = time.toEpochMilli();
        long aligned = Math.floorDiv(millis, step) * step;
        return Instant.ofEpochMilli(aligned < millis ? aligned + step : aligned);
    }

    /**
     * Replays {@code inputs} (in non-decreasing event time; modest disorder is tolerated as it is
     * live) and ticks through {@code until}, handing every revision to {@code revisions}.
     */
    public static void run(CorrelationEngine engine, Iterator<? extends CorrelationInput> inputs, Instant until,
                           Consumer<Incident> revisions) {
        Duration step = engine.config().tickInterval();
        Instant nextTick = null;
        while (inputs.hasNext()) {
            CorrelationInput input = inputs.next();
            if (nextTick == null) {
                nextTick = alignedTickAtOrAfter(input.time(), step);
            }
            while (input.time().isAfter(nextTick)) {
                engine.tick(nextTick).forEach(revisions);
                nextTick = nextTick.plus(step);
            }
            engine.accept(input);
        }
        for (Instant tick = nextTick == null ? alignedTickAtOrAfter(until, step) : nextTick; !tick.isAfter(until);
             tick = tick.plus(step)) {
            engine.tick(tick).forEach(revisions);
        }
    }
}
