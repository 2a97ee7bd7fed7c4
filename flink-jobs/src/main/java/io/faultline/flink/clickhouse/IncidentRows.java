package io.faultline.flink.clickhouse;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.SuspectedCause;

/**
 * CorrelatedIncident → {@code incidents} (migration 004), one row per revision; provider and region
 * come from the cause id ({@code aws/us-east-1}). The row key is id + revision: a revision is
 * emitted exactly once, so a replayed one is the same row.
 */
public final class IncidentRows extends TableRows<CorrelatedIncident> implements SingleRowMapper<CorrelatedIncident> {

    static final List<String> COLUMNS = List.of("incident_id", "revision", "state", "title", "cause_component_id", "cause_name",
            "cause_kind", "provider", "region", "confidence", "p_value", "impaired_dependents", "total_dependents",
            "status_page_agrees", "reasons", "service_ids", "member_count", "active_member_count", "merged_from", "opened_at",
            "first_impaired_at", "resolved_at", "event_time");

    public IncidentRows() {
        super("incidents", COLUMNS);
    }

    @Override
    public List<Object> values(CorrelatedIncident r) {
        SuspectedCause c = r.getCause();
        String componentId = RowValues.orEmpty(c.getComponentId());
        String provider = provider(componentId);
        String region = componentId.contains("/") ? componentId.substring(componentId.indexOf('/') + 1) : "";
        List<String> services = r.getMembers().stream().map(IncidentMember::getServiceId).toList();
        long active = r.getMembers().stream().filter(m -> m.getLeftAt() == null).count();
        return Arrays.asList(r.getIncidentId(), r.getRevision(), r.getState().name(), r.getTitle(), componentId,
                c.getComponentName(), RowValues.orEmpty(c.getComponentKind()), provider, region, c.getConfidence(),
                c.getPValue() == null ? Double.NaN : c.getPValue(), c.getImpairedDependents(), c.getTotalDependents(),
                c.getStatusPageAgrees(), List.copyOf(c.getReasons()), services, r.getMembers().size(), active,
                List.copyOf(r.getMergedFrom()), RowValues.time(r.getOpenedAt()), RowValues.time(r.getFirstImpairedAt()),
                RowValues.time(r.getResolvedAt()), RowValues.time(r.getEventTime()));
    }

    /** 'aws/us-east-1' → 'aws'; a cause that is not a region is its own provider; none → "". */
    static String provider(String componentId) {
        String id = RowValues.orEmpty(componentId);
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(0, slash);
    }

    @Override
    public String rowKey(CorrelatedIncident r) {
        return r.getIncidentId() + "|" + r.getRevision();
    }

    @Override
    public Instant eventTime(CorrelatedIncident r) {
        return r.getEventTime();
    }
}
