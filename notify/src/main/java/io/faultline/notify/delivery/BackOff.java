package io.faultline.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Retry waits for one delivery: exponential from {@code initial}, doubling, capped at {@code max}; a receiver's
 * {@code Retry-After} (seconds or an HTTP date) replaces the computed wait, capped at {@code maxRetryAfter} so one
 * unreasonable answer cannot park a channel for a day. After {@code maxAttempts} attempts the alert is dead-lettered.
 */
public record BackOff(Duration initial, Duration max, Duration maxRetryAfter, int maxAttempts) {

    public static final BackOff DEFAULT = new BackOff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10), 6);

    public BackOff {
        if (initial.isNegative() || max.compareTo(initial) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("back-off: need 0 <= initial <= max and maxRetryAfter >= 0");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("back-off: maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration r = retryAfter.get();
            return r.isNegative() ? Duration.ZERO : (r.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : r);
        }
        long factor = 1L << Math.min(attempt - 1, 30);
        Duration d = initial.multipliedBy(factor);
        return d.compareTo(max) > 0 || d.isNegative() ? max : d;
    }

    /** A {@code Retry-After} header value as a wait from {@code now}: delta-seconds or an IMF-fixdate; empty if neither. */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
