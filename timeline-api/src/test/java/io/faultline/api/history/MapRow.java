package io.faultline.api.history;

import java.util.List;
import java.util.Map;

/** A {@link Row} over a map, the values typed the way the driver returns them. */
record MapRow(Map<String, Object> values) implements Row {

    private Object get(String c) {
        if (!values.containsKey(c)) {
            throw new IllegalArgumentException("no column " + c);
        }
        return values.get(c);
    }

    @Override
    public String string(String c) {
        Object v = get(c);
        return v == null ? "" : v.toString();
    }

    @Override
    public long int64(String c) {
        return ((Number) get(c)).longValue();
    }

    @Override
    public Long int64OrNull(String c) {
        Object v = get(c);
        return v == null ? null : ((Number) v).longValue();
    }

    @Override
    public double float64(String c) {
        return ((Number) get(c)).doubleValue();
    }

    @Override
    public boolean bool(String c) {
        return (Boolean) get(c);
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<String> strings(String c) {
        return (List<String>) get(c);
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<Long> int64s(String c) {
        return (List<Long>) get(c);
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<Double> float64s(String c) {
        return (List<Double>) get(c);
    }
}
