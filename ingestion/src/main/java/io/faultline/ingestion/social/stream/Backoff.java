package io.faultline.ingestion.social.stream;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: linear ({@code step × attempt}) or exponential ({@code first × 2^(attempt-1)}),
 * capped at {@code max}, optionally with "equal jitter" (half the delay fixed, half random) so
 * many clients cut off together do not reconnect together. Not thread-safe: one per stream.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private final boolean linear;
    private final Random jitter;
    private int attempts;

    private Backoff(Duration first, Duration max, boolean linear, Random jitter) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= max, was " + first + ", " + max);
        }
        this.first = first;
        this.max = max;
        this.linear = linear;
        this.jitter = jitter;
    }

    public static Backoff linear(Duration step, Duration max) {
        return new Backoff(step, max, true, null);
    }

    public static Backoff exponential(Duration first, Duration max) {
        return new Backoff(first, max, false, null);
    }

    /** The same schedule with equal jitter: each delay is uniform in [d/2, d]. */
    public Backoff withJitter(Random random) {
        return new Backoff(first, max, linear, random);
    }

    /** The delay before the next attempt; each call counts one more failure. */
    public Duration next() {
        attempts++;
        long firstMs = first.toMillis();
        long ms;
        if (linear) {
            ms = firstMs * attempts;
        } else {
            int shift = Math.min(attempts - 1, 40); // 2^40 × any sane first is far beyond any cap
            ms = firstMs << shift;
        }
        ms = ms <= 0 ? max.toMillis() : Math.min(ms, max.toMillis());
        if (jitter != null) {
            ms = ms / 2 + (long) (jitter.nextDouble() * (ms - ms / 2));
        }
        return Duration.ofMillis(ms);
    }

    /** After a connection that worked: the next failure starts the schedule again. */
    public void reset() {
        attempts = 0;
    }

    public int attempts() {
        return attempts;
    }
}
