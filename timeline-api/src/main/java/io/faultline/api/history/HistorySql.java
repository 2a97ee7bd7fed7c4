package io.faultline.api.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of every history query. Values are only ever bound to {@code ?} placeholders; the text
 * varies only by which fixed filter clauses are present. Times travel as epoch milliseconds
 * (bound as Int64, converted in SQL) so no driver time-zone conversion can shift them.
 */
public final class HistorySql {

    static final String MILLIS = "fromUnixTimestamp64Milli(toInt64(?), 'UTC')";

    static final String INCIDENT_COLUMNS = "incident_id, revision, state, title, cause_component_id, cause_name, cause_kind, "
            + "confidence, p_value, impaired_dependents, total_dependents, status_page_agrees, reasons, provider, region, "
            + "service_ids, member_count, active_member_count, toUnixTimestamp64Milli(opened_at) AS opened_ms, "
            + "toUnixTimestamp64Milli(first_impaired_at) AS first_impaired_ms, toUnixTimestamp64Milli(resolved_at) AS resolved_ms, "
            + "toUnixTimestamp64Milli(event_time) AS event_ms";

    private HistorySql() {
    }

    /** Fetches limit + 1 rows: the extra one only tells whether a next page exists. */
    public static BoundQuery listIncidents(IncidentQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(INCIDENT_COLUMNS)
                .append(" FROM incidents FINAL WHERE opened_at >= ").append(MILLIS).append(" AND opened_at < ").append(MILLIS);
        List<Object> params = new ArrayList<>(List.of(q.from().toEpochMilli(), q.to().toEpochMilli()));
        if (!q.provider().isEmpty()) {
            sql.append(" AND provider = ?");
            params.add(q.provider());
        }
        if (!q.region().isEmpty()) {
            sql.append(" AND region = ?");
            params.add(q.region());
        }
        if (!q.service().isEmpty()) {
            sql.append(" AND has(service_ids, ?)");
            params.add(q.service());
        }
        if ("OPEN".equals(q.state())) {
            sql.append(" AND state != 'RESOLVED'");
        } else if (!q.state().isEmpty()) {
            sql.append(" AND state = ?");
            params.add(q.state());
        }
        if (q.after() != null) {
            sql.append(" AND (opened_at, incident_id) < (").append(MILLIS).append(", ?)");
            params.add(q.after().openedAt().toEpochMilli());
            params.add(q.after().id());
        }
        sql.append(" ORDER BY opened_at DESC, incident_id DESC LIMIT ?");
        params.add(q.limit() + 1);
        return new BoundQuery(sql.toString(), params);
    }

    public static BoundQuery incident(String id) {
        return new BoundQuery("SELECT " + INCIDENT_COLUMNS + " FROM incidents FINAL WHERE incident_id = ? LIMIT 1", List.of(id));
    }

    public static BoundQuery members(String id) {
        return new BoundQuery("SELECT service_id, service_name, state, toUnixTimestamp64Milli(joined_at) AS joined_ms, "
                + "toUnixTimestamp64Milli(left_at) AS left_ms, region FROM incident_members FINAL WHERE incident_id = ? "
                + "ORDER BY joined_at, service_id", List.of(id));
    }

    public static BoundQuery timeline(String id) {
        return new BoundQuery("SELECT toUnixTimestamp64Milli(time) AS time_ms, kind, message, service_id, component_id "
                + "FROM incident_events FINAL WHERE incident_id = ? ORDER BY time, kind, service_id, component_id", List.of(id));
    }

    public static BoundQuery serviceHealth(String serviceId, Instant from, Instant to, int limit) {
        return new BoundQuery("SELECT service_id, state, previous_state, confidence, toUnixTimestamp64Milli(since) AS since_ms, "
                + "region, arrayMap(s -> toString(s), evidence_source) AS ev_source, evidence_detail AS ev_detail, "
                + "arrayMap(t -> toUnixTimestamp64Milli(t), evidence_time) AS ev_time_ms, arrayMap(w -> toFloat64(w), evidence_weight) AS ev_weight, "
                + "toUnixTimestamp64Milli(event_time) AS event_ms FROM service_health FINAL "
                + "WHERE service_id = ? AND event_time >= " + MILLIS + " AND event_time < " + MILLIS
                + " ORDER BY event_time, row_id LIMIT ?",
                List.of(serviceId, from.toEpochMilli(), to.toEpochMilli(), limit));
    }

    /**
     * A member counts in every bucket its impairment overlaps: joined before the bucket ends and
     * not left before it starts. Empty buckets are absent from the result (filled by the caller).
     */
    public static BoundQuery blastRadius(String provider, String region, Instant from, Instant to, Duration step) {
        StringBuilder sql = new StringBuilder("WITH toInt64(?) AS from_ms, toInt64(?) AS to_ms, toInt64(?) AS step_ms "
                + "SELECT from_ms + n * step_ms AS bucket_ms, uniqExact(service_id) AS impaired, uniqExact(incident_id) AS incidents "
                + "FROM incident_members FINAL "
                + "ARRAY JOIN range(toUInt64(intDiv(to_ms - from_ms + step_ms - 1, step_ms))) AS n "
                + "WHERE provider = ?");
        List<Object> params = new ArrayList<>(List.of(from.toEpochMilli(), to.toEpochMilli(), step.toMillis(), provider));
        if (!region.isEmpty()) {
            sql.append(" AND region = ?");
            params.add(region);
        }
        sql.append(" AND toUnixTimestamp64Milli(joined_at) < from_ms + (n + 1) * step_ms"
                + " AND (left_at IS NULL OR toUnixTimestamp64Milli(left_at) >= from_ms + n * step_ms)"
                + " GROUP BY bucket_ms ORDER BY bucket_ms");
        return new BoundQuery(sql.toString(), params);
    }
}
