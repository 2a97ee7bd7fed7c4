package io.faultline.flink.clickhouse;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * How one record becomes rows of one ClickHouse table (an incident revision becomes one row per
 * member, for instance). Row keys must be deterministic (the same record always yields the same
 * keys): batches are identified by their keys, so a replayed batch carries the same
 * insert_deduplication_token.
 */
public interface RowMapper<T> extends Serializable {

    String table();

    List<String> columns();

    /** Rows for the record, each with values in {@link #columns()} order: String, Number, Boolean, List (Array) or null. */
    List<List<Object>> rows(T record);

    /** One key per row of {@link #rows}, in the same order. */
    List<String> rowKeys(T record);

    /** Event time of the record, for the sink's lag metric. */
    Instant eventTime(T record);
}
