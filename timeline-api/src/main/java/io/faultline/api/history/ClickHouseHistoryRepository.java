package io.faultline.api.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.faultline.api.model.BlastPoint;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.Page;

/** {@link HistoryRepository} over ClickHouse through JDBC; every value is bound, never spliced into SQL. */
public final class ClickHouseHistoryRepository implements HistoryRepository {

    private final ConnectionSource connections;
    private final Duration queryTimeout;

    public ClickHouseHistoryRepository(ConnectionSource connections, Duration queryTimeout) {
        this.connections = connections;
        this.queryTimeout = queryTimeout;
    }

    @Override
    public Page<IncidentView> incidents(IncidentQuery query) throws SQLException {
        List<IncidentView> rows = run(HistorySql.listIncidents(query), HistoryRows::incident);
        return page(rows, query.limit());
    }

    /** Keeps limit rows; the (limit + 1)-th only proves a next page exists. */
    static Page<IncidentView> page(List<IncidentView> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<IncidentView> items = rows.subList(0, limit);
        IncidentView last = items.get(limit - 1);
        return new Page<>(items, new Cursor(last.openedAt(), last.id()).encode());
    }

    @Override
    public Optional<IncidentDetail> incident(String id) throws SQLException {
        List<IncidentView> found = run(HistorySql.incident(id), HistoryRows::incident);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IncidentDetail(found.get(0), run(HistorySql.members(id), HistoryRows::member),
                run(HistorySql.timeline(id), HistoryRows::event)));
    }

    @Override
    public List<HealthView> serviceHealth(String serviceId, Instant from, Instant to, int limit) throws SQLException {
        return run(HistorySql.serviceHealth(serviceId, from, to, limit), HistoryRows::health);
    }

    @Override
    public List<BlastPoint> blastRadius(String provider, String region, Instant from, Instant to, Duration step)
            throws SQLException {
        List<BlastPoint> points = run(HistorySql.blastRadius(provider, region, from, to, step), HistoryRows::blastPoint);
        return HistoryRows.fillBuckets(points, from, to, step);
    }

    @Override
    public void ping() throws SQLException {
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
            ps.setQueryTimeout(3);
            try (var rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    private <T> List<T> run(BoundQuery q, Function<Row, T> mapper) throws SQLException {
        try (Connection c = connections.open(); PreparedStatement ps = c.prepareStatement(q.sql())) {
            bind(ps, q.params());
            ps.setQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                Row row = new ResultSetRow(rs);
                while (rs.next()) {
                    out.add(mapper.apply(row));
                }
            }
            return out;
        }
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String s) {
                ps.setString(i + 1, s);
            } else if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + p.getClass().getName() + " at " + (i + 1));
            }
        }
    }
}
