package io.faultline.api.history;

import java.time.Instant;
import java.util.Objects;

/**
 * Filters of the incident list: opened in [from, to), optional provider / region / member
 * service / state ("" = any), newest first, {@code limit} per page, continuing after
 * {@code after} (null for the first page).
 */
public record IncidentQuery(Instant from, Instant to, String provider, String region, String service, String state,
                            int limit, Cursor after) {

    public static final int MAX_LIMIT = 500;

    public IncidentQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        provider = provider == null ? "" : provider;
        region = region == null ? "" : region;
        service = service == null ? "" : service;
        state = state == null ? "" : state;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
        }
    }
}
