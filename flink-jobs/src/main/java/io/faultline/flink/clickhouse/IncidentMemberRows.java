package io.faultline.flink.clickhouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentMember;

/** CorrelatedIncident → one {@code incident_members} row per member (migration 005); key = incident + revision + service. */
public final class IncidentMemberRows extends TableRows<CorrelatedIncident> {

    static final List<String> COLUMNS = List.of("incident_id", "service_id", "revision", "service_name", "state", "joined_at",
            "left_at", "region", "provider", "opened_at");

    public IncidentMemberRows() {
        super("incident_members", COLUMNS);
    }

    @Override
    public List<List<Object>> rows(CorrelatedIncident r) {
        String provider = IncidentRows.provider(r.getCause().getComponentId());
        List<List<Object>> out = new ArrayList<>();
        for (IncidentMember m : r.getMembers()) {
            out.add(Arrays.asList(r.getIncidentId(), m.getServiceId(), r.getRevision(), m.getServiceName(), m.getState().name(),
                    RowValues.time(m.getJoinedAt()), RowValues.time(m.getLeftAt()), RowValues.orEmpty(m.getRegion()), provider,
                    RowValues.time(r.getOpenedAt())));
        }
        return out;
    }

    @Override
    public List<String> rowKeys(CorrelatedIncident r) {
        return r.getMembers().stream().map(m -> r.getIncidentId() + "|" + r.getRevision() + "|" + m.getServiceId()).toList();
    }

    @Override
    public Instant eventTime(CorrelatedIncident r) {
        return r.getEventTime();
    }
}
