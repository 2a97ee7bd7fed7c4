package io.faultline.flink.clickhouse;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * How one record becomes one row of one ClickHouse table. The row key must be deterministic (the
 * same record always yields the same key): batches are identified by their keys, so a replayed
 * batch carries the same insert_deduplication_token.
 */
public interface RowMapper<T> extends Serializable {

    String table();

    List<String> columns();

    /** Values in {@link #columns()} order: String, Number, Boolean, List (Array) or null. */
    List<Object> values(T record);

    String rowKey(T record);

    /** Event time of the record, for the sink's lag metric. */
    Instant eventTime(T record);
}
