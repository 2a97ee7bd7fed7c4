package io.faultline.flink.clickhouse;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;

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

    public ClickHouseSink(ClickHouseSinkConfig config, RowMapper<T> mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Map<String, String> env = System.getenv();
        BatchInserter inserter = new JdbcBatchInserter(config.jdbcUrl(), env.getOrDefault(ClickHouseSinkConfig.ENV_USER, "default"),
                env.getOrDefault(ClickHouseSinkConfig.ENV_PASSWORD, ""), config.socketTimeout());
        return new ClickHouseSinkWriter<>(config, mapper, inserter, context.getProcessingTimeService(),
                new FlinkSinkMetrics(context.metricGroup()), Clock.systemUTC());
    }
}
