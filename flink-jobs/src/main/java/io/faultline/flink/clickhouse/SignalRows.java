package io.faultline.flink.clickhouse;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.faultline.avro.ServiceSignal;

/** ServiceSignal → {@code signals} (migration 002). The row key is the signal id, already the signal's de-duplication key. */
public final class SignalRows extends TableRows<ServiceSignal> implements SingleRowMapper<ServiceSignal> {

    static final List<String> COLUMNS = List.of("signal_id", "entity_id", "source", "observed_state", "strength", "region",
            "vantage", "vantage_asn", "detail", "raw_ref", "event_time", "observed_at");

    public SignalRows() {
        super("signals", COLUMNS);
    }

    @Override
    public List<Object> values(ServiceSignal s) {
        return Arrays.asList(s.getSignalId(), s.getEntityId(), s.getSource().name(), s.getObservedState().name(), s.getStrength(),
                RowValues.orEmpty(s.getRegion()), RowValues.orEmpty(s.getVantage()),
                s.getVantageAsn() == null ? 0L : s.getVantageAsn(), s.getDetail(), RowValues.orEmpty(s.getRawRef()),
                RowValues.time(s.getEventTime()), RowValues.time(s.getObservedAt()));
    }

    @Override
    public String rowKey(ServiceSignal s) {
        return s.getSignalId();
    }

    @Override
    public Instant eventTime(ServiceSignal s) {
        return s.getEventTime();
    }
}
