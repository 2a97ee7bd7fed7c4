package io.faultline.flink.clickhouse;

import java.util.List;

/** Inserts one batch into one table, in one request, tagged with a deduplication token. */
public interface BatchInserter extends AutoCloseable {

    void insert(String table, List<String> columns, List<List<Object>> rows, String dedupToken) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
