package io.faultline.ingestion.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a replay produced: events per kind, dead letters, the event-time span and the wall time taken.
 *
 * @param firstEventTime null when nothing was produced
 */
public record ReplayStats(Map<RawKind, Long> counts, long deadLetters, Instant firstEventTime, Instant lastEventTime,
                          Duration elapsed) {

    public ReplayStats {
        counts = Map.copyOf(counts);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(RawKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Events per second of wall time. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : total() / s;
    }

    public String summary() {
        return String.format("%d events (status-page %d, social %d, probe %d, probe-connection %d), %d dead letters, "
                        + "%.1f s, %.0f events/s%s", total(), count(RawKind.STATUS_PAGE), count(RawKind.SOCIAL),
                count(RawKind.PROBE), count(RawKind.PROBE_CONNECTION), deadLetters, elapsed.toMillis() / 1000.0, rate(),
                firstEventTime == null ? "" : ", event time " + firstEventTime + " .. " + lastEventTime);
    }
}
