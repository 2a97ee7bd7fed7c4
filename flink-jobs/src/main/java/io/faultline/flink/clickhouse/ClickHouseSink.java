package io.faultline.flink.clickhouse;

import java.io.IOException;
import java.time.Clock;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Flink Sink V2 writing one table of ClickHouse through {@link ClickHouseSinkWriter}: batched by
 * size and time, flushed on every checkpoint (at-least-once), retried with backoff, de-duplicated
 * by insert_deduplication_token per batch and deterministic row ids in ReplacingMergeTree tables.
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private final ClickHouseSinkConfig config;
    private final RowMapper<T> mapper;
    private final ClickHouseCredentials credentials;

    /** Logging in with the credentials in the task manager's environment. */
    public ClickHouseSink(ClickHouseSinkConfig config, RowMapper<T> mapper) {
        this(config, mapper, ClickHouseCredentials.fromEnvironment());
    }

    public ClickHouseSink(ClickHouseSinkConfig config, RowMapper<T> mapper, ClickHouseCredentials credentials) {
        this.config = config;
        this.mapper = mapper;
        this.credentials = credentials;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        ClickHouseCredentials.Login login = credentials.resolve();
        BatchInserter inserter = new JdbcBatchInserter(config.jdbcUrl(), login.user(), login.password(), config.socketTimeout());
        return new ClickHouseSinkWriter<>(config, mapper, inserter, context.getProcessingTimeService(),
                new FlinkSinkMetrics(context.metricGroup()), Clock.systemUTC());
    }
}
