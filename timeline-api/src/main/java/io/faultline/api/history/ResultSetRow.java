package io.faultline.api.history;

import java.lang.reflect.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/** {@link Row} over the current row of a JDBC result set. Arrays may come back as Java arrays or lists. */
final class ResultSetRow implements Row {

    private final ResultSet rs;

    ResultSetRow(ResultSet rs) {
        this.rs = rs;
    }

    @Override
    public String string(String column) {
        String s = read(column, rs -> rs.getString(column));
        return s == null ? "" : s;
    }

    @Override
    public long int64(String column) {
        return read(column, rs -> rs.getLong(column));
    }

    @Override
    public Long int64OrNull(String column) {
        return read(column, rs -> {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : v;
        });
    }

    @Override
    public double float64(String column) {
        return read(column, rs -> rs.getDouble(column));
    }

    @Override
    public boolean bool(String column) {
        return read(column, rs -> rs.getBoolean(column));
    }

    @Override
    public List<String> strings(String column) {
        return list(column, String::valueOf);
    }

    @Override
    public List<Long> int64s(String column) {
        return list(column, o -> ((Number) o).longValue());
    }

    @Override
    public List<Double> float64s(String column) {
        return list(column, o -> ((Number) o).doubleValue());
    }

    private <T> List<T> list(String column, Function<Object, T> convert) {
        Object value = read(column, rs -> {
            Object v = rs.getObject(column);
            return v instanceof java.sql.Array sqlArray ? sqlArray.getArray() : v;
        });
        List<T> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Collection<?> c) {
            c.forEach(o -> out.add(convert.apply(o)));
        } else if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(convert.apply(Array.get(value, i)));
            }
        } else {
            throw new IllegalStateException("column " + column + " is not an array: " + value.getClass().getName());
        }
        return out;
    }

    /** One read of the current row; a driver failure names the column. */
    private <T> T read(String column, ColumnRead<T> read) {
        try {
            return read.from(rs);
        } catch (SQLException e) {
            throw new IllegalStateException("column " + column + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface ColumnRead<T> {
        T from(ResultSet rs) throws SQLException;
    }
}
