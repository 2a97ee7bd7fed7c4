package io.faultline.flink.clickhouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentEvent;

/**
 * CorrelatedIncident → one {@code incident_events} row per timeline entry (migration 006). Every
 * revision repeats the whole timeline; the table's key collapses the repeats.
 */
public final class IncidentEventRows extends TableRows<CorrelatedIncident> {

    static final List<String> COLUMNS = List.of("incident_id", "time", "kind", "service_id", "component_id", "revision",
            "message", "opened_at");

    public IncidentEventRows() {
        super("incident_events", COLUMNS);
    }

    @Override
    public List<List<Object>> rows(CorrelatedIncident r) {
        List<List<Object>> out = new ArrayList<>();
        for (IncidentEvent e : r.getTimeline()) {
            out.add(Arrays.asList(r.getIncidentId(), RowValues.time(e.getTime()), e.getKind().name(),
                    RowValues.orEmpty(e.getServiceId()), RowValues.orEmpty(e.getComponentId()), r.getRevision(), e.getMessage(),
                    RowValues.time(r.getOpenedAt())));
        }
        return out;
    }

    @Override
    public List<String> rowKeys(CorrelatedIncident r) {
        return r.getTimeline().stream().map(e -> r.getIncidentId() + "|" + r.getRevision() + "|" + e.getTime().toEpochMilli()
                + "|" + e.getKind() + "|" + RowValues.orEmpty(e.getServiceId()) + "|" + RowValues.orEmpty(e.getComponentId()))
                .toList();
    }

    @Override
    public Instant eventTime(CorrelatedIncident r) {
        return r.getEventTime();
    }
}
