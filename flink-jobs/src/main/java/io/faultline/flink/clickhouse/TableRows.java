package io.faultline.flink.clickhouse;

import java.util.List;

/** A {@link RowMapper} into one named table with fixed columns; subclasses say only how a record becomes rows. */
public abstract class TableRows<T> implements RowMapper<T> {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final List<String> columns;

    protected TableRows(String table, List<String> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    @Override
    public final String table() {
        return table;
    }

    @Override
    public final List<String> columns() {
        return columns;
    }
}
