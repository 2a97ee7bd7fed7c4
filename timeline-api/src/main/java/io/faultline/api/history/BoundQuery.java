package io.faultline.api.history;

import java.util.List;

/** SQL text with {@code ?} placeholders and the values bound to them, in order. */
public record BoundQuery(String sql, List<Object> params) {

    public BoundQuery {
        params = List.copyOf(params);
        long placeholders = sql.chars().filter(c -> c == '?').count();
        if (placeholders != params.size()) {
            throw new IllegalArgumentException(placeholders + " placeholders but " + params.size() + " parameters");
        }
    }
}
