package io.faultline.flink.clickhouse;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which failures are worth retrying and how long to wait. ClickHouse reports its error code in
 * the message ("Code: 241. DB::Exception: ..."): overload, timeouts and replica trouble are
 * transient; a bad query, unknown table or failed authentication will fail the same way again,
 * so they fail at once. Failures without a code (refused or dropped connections, socket
 * timeouts) are transient.
 *
 * @param maxRetries     retries after the first attempt
 * @param initialBackoff wait before the first retry, doubled each time up to maxBackoff
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) implements Serializable {

    private static final Pattern CODE = Pattern.compile("Code: (\\d+)\\.");
    /** SYNTAX_ERROR, UNKNOWN_TABLE, NO_SUCH_COLUMN, TYPE_MISMATCH, CANNOT_PARSE_*, UNKNOWN_DATABASE, ACCESS_DENIED, AUTHENTICATION_FAILED ... */
    static final Set<Integer> PERMANENT = Set.of(6, 16, 26, 27, 38, 41, 47, 53, 60, 62, 69, 70, 72, 81, 117, 192, 193, 194, 497, 516);

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    public boolean retryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            Integer code = clickHouseCode(t.getMessage());
            if (code != null) {
                return !PERMANENT.contains(code);
            }
        }
        return true;
    }

    static Integer clickHouseCode(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = CODE.matcher(message);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Wait before retry number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration d = initialBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
