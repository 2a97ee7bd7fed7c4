package io.faultline.flink.clickhouse;

import java.time.Instant;
import java.util.List;

import io.faultline.avro.HealthEvidence;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.SignalSource;

/**
 * Rows for the sinks: the sink tests use them, and so does the sink benchmark (benchmarks/, through
 * this module's test-jar, which holds only this class and {@link ClickHouseSql}).
 */
public final class SinkFixtures {

    public static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");

    private SinkFixtures() {
    }

    /** {@code service} DOWN at {@code minute} after {@link #T0}, with one status-page evidence; region on even minutes. */
    public static ServiceHealth health(String service, int minute) {
        return ServiceHealth.newBuilder().setServiceId(service).setState(HealthState.DOWN).setPreviousState(HealthState.UP)
                .setConfidence(0.9).setSince(T0.plusSeconds(60L * minute)).setRegion(minute % 2 == 0 ? "us-east-1" : null)
                .setEvidence(List.of(HealthEvidence.newBuilder().setSource(SignalSource.STATUS_PAGE).setDetail("it's down")
                        .setTime(T0.plusSeconds(60L * minute)).setWeight(1.0).build()))
                .setEventTime(T0.plusSeconds(60L * minute)).build();
    }
}
