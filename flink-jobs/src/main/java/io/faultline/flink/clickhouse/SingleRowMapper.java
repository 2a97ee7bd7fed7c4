package io.faultline.flink.clickhouse;

import java.util.List;

/** A {@link RowMapper} producing exactly one row per record. */
public interface SingleRowMapper<T> extends RowMapper<T> {

    List<Object> values(T record);

    String rowKey(T record);

    @Override
    default List<List<Object>> rows(T record) {
        return List.of(values(record));
    }

    @Override
    default List<String> rowKeys(T record) {
        return List.of(rowKey(record));
    }
}
