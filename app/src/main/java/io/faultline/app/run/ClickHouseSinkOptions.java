package io.faultline.app.run;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.faultline.flink.clickhouse.ClickHouseSinkConfig;
import io.faultline.flink.clickhouse.RetryPolicy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.faultline.app.ClickHouseOptions;
import io.faultline.app.DurationConverter;

/**
 * The {@code --clickhouse-*} options of {@code faultline run correlation}: where the history goes
 * ({@link ClickHouseOptions}, as {@code faultline api} reads it) and how it is batched and retried;
 * the credentials stay out of the job graph: the sinks read
 * FAULTLINE_CLICKHOUSE_USER / FAULTLINE_CLICKHOUSE_PASSWORD where they run (this process with
 * {@code --flink local}, the task managers of a cluster).
 */
final class ClickHouseSinkOptions {

    static final int MAX_BATCH_ROWS = 1_000_000;
    static final int MAX_RETRIES = 100;

    @Mixin
    ClickHouseOptions clickHouse = new ClickHouseOptions();

    @Option(names = "--clickhouse-batch-rows", defaultValue = "5000",
            description = "Write a batch when it holds this many rows, 1.." + MAX_BATCH_ROWS + " (default: ${DEFAULT-VALUE}).")
    int batchRows;

    @Option(names = "--clickhouse-batch-delay", defaultValue = "2s", converter = DurationConverter.class,
            description = "... or when its oldest row has waited this long, and at every checkpoint (default: ${DEFAULT-VALUE}).")
    Duration batchDelay;

    @Option(names = "--clickhouse-max-retries", defaultValue = "5",
            description = "Retries of a failed insert (overload, timeout, lost connection) before the job fails and restarts "
                    + "from its last checkpoint, 0.." + MAX_RETRIES + " (default: ${DEFAULT-VALUE}).")
    int maxRetries;

    @Option(names = "--clickhouse-retry-backoff", defaultValue = "200ms", converter = DurationConverter.class,
            description = "Wait before the first retry, doubled for each next one (default: ${DEFAULT-VALUE}).")
    Duration retryBackoff;

    @Option(names = "--clickhouse-max-backoff", defaultValue = "10s", converter = DurationConverter.class,
            description = "Longest wait between retries (default: ${DEFAULT-VALUE}).")
    Duration maxBackoff;

    @Option(names = "--clickhouse-timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest wait for ClickHouse's answer to one insert (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The sink configuration, or empty without --clickhouse-url; a bad value fails naming its option. */
    Optional<ClickHouseSinkConfig> config(Map<String, String> env) {
        require(batchRows >= 1 && batchRows <= MAX_BATCH_ROWS, "--clickhouse-batch-rows", "1.." + MAX_BATCH_ROWS);
        require(positive(batchDelay), "--clickhouse-batch-delay", "a positive duration, e.g. 2s");
        require(maxRetries >= 0 && maxRetries <= MAX_RETRIES, "--clickhouse-max-retries", "0.." + MAX_RETRIES);
        require(retryBackoff != null && !retryBackoff.isNegative(), "--clickhouse-retry-backoff", "a duration of zero or more, e.g. 200ms");
        require(maxBackoff != null && maxBackoff.compareTo(retryBackoff) >= 0, "--clickhouse-max-backoff",
                "a duration of at least --clickhouse-retry-backoff (" + retryBackoff + ")");
        require(positive(timeout), "--clickhouse-timeout", "a positive duration, e.g. 30s");
        return clickHouse.settings(env).map(settings -> new ClickHouseSinkConfig(settings.jdbcUrl(), batchRows, batchDelay,
                timeout, new RetryPolicy(maxRetries, retryBackoff, maxBackoff)));
    }

    private static boolean positive(Duration d) {
        return d != null && d.compareTo(Duration.ZERO) > 0;
    }

    private static void require(boolean ok, String option, String accepted) {
        if (!ok) {
            throw new IllegalArgumentException(option + ": accepted values are " + accepted);
        }
    }
}
