package io.faultline.flink.clickhouse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.faultline.avro.HealthEvidence;
import io.faultline.avro.ServiceHealth;

/** ServiceHealth → {@code service_health} (migration 003). The row id is service + event time + state. */
public final class ServiceHealthRows extends TableRows<ServiceHealth> implements SingleRowMapper<ServiceHealth> {

    static final List<String> COLUMNS = List.of("row_id", "service_id", "state", "previous_state", "confidence", "since",
            "region", "evidence_source", "evidence_detail", "evidence_time", "evidence_weight", "event_time");

    public ServiceHealthRows() {
        super("service_health", COLUMNS);
    }

    @Override
    public List<Object> values(ServiceHealth h) {
        List<String> sources = new ArrayList<>();
        List<String> details = new ArrayList<>();
        List<String> times = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (HealthEvidence e : h.getEvidence()) {
            sources.add(e.getSource().name());
            details.add(e.getDetail());
            times.add(RowValues.time(e.getTime()));
            weights.add(e.getWeight());
        }
        return Arrays.asList(RowValues.rowId(rowKey(h)), h.getServiceId(), h.getState().name(), h.getPreviousState().name(),
                h.getConfidence(), RowValues.time(h.getSince()), RowValues.orEmpty(h.getRegion()), sources, details, times, weights,
                RowValues.time(h.getEventTime()));
    }

    @Override
    public String rowKey(ServiceHealth h) {
        return h.getServiceId() + "|" + h.getEventTime().toEpochMilli() + "|" + h.getState().name();
    }

    @Override
    public Instant eventTime(ServiceHealth h) {
        return h.getEventTime();
    }
}
