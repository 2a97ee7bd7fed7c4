package io.faultline.flink.clickhouse;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the sink writes. Credentials are not part of it (it is serialized into the job
 * graph): writers read FAULTLINE_CLICKHOUSE_USER / FAULTLINE_CLICKHOUSE_PASSWORD on the task manager.
 *
 * @param jdbcUrl       e.g. jdbc:clickhouse://clickhouse:8123/faultline
 * @param maxBatchRows  a batch is written when it holds this many rows
 * @param maxBatchDelay ... or when its oldest row has waited this long (and on every checkpoint)
 * @param socketTimeout longest wait for ClickHouse's answer to one insert
 */
public record ClickHouseSinkConfig(String jdbcUrl, int maxBatchRows, Duration maxBatchDelay, Duration socketTimeout,
                                   RetryPolicy retry) implements Serializable {

    public static final String ENV_USER = "FAULTLINE_CLICKHOUSE_USER";
    public static final String ENV_PASSWORD = "FAULTLINE_CLICKHOUSE_PASSWORD";

    public ClickHouseSinkConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:clickhouse:") && !jdbcUrl.startsWith("jdbc:ch:")) {
            throw new IllegalArgumentException("ClickHouse sink URL: expected jdbc:clickhouse://host:port/database, was " + jdbcUrl);
        }
        if (maxBatchRows < 1 || maxBatchRows > 1_000_000) {
            throw new IllegalArgumentException("ClickHouse sink batch rows: must be 1..1000000, was " + maxBatchRows);
        }
        if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
            throw new IllegalArgumentException("ClickHouse sink batch delay: must be positive, was " + maxBatchDelay);
        }
    }

    public static ClickHouseSinkConfig of(String jdbcUrl) {
        return new ClickHouseSinkConfig(jdbcUrl, 5_000, Duration.ofSeconds(2), Duration.ofSeconds(30), RetryPolicy.defaults());
    }
}
