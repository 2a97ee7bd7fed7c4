package io.faultline.api.history;

import java.util.List;

/** One result row, read by column label. Lets row mapping be tested without a database. */
public interface Row {

    String string(String column);

    long int64(String column);

    /** Null for a SQL NULL. */
    Long int64OrNull(String column);

    double float64(String column);

    boolean bool(String column);

    List<String> strings(String column);

    List<Long> int64s(String column);

    List<Double> float64s(String column);
}
