package io.faultline.flink.clickhouse;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * Attaches the ClickHouse history sinks to the correlation job: each incident revision becomes an
 * {@code incidents} row, its members {@code incident_members} rows and its timeline
 * {@code incident_events} rows; each service-health change and each signal the job reads becomes a
 * {@code service_health} or {@code signals} row. Raw observations and dead letters are not written
 * here (the job does not read the raw topics; dead letters have no row mapper yet).
 *
 * <p>Every sink runs at the parallelism of its input, so it is chained to the operator before it
 * and sees the same records in the same order after a restart: batches cut by size then repeat
 * exactly and carry the same deduplication token. (A batch cut by the time limit need not repeat;
 * the tables' ReplacingMergeTree keys collapse those rows at merge time.)
 */
public final class CorrelationHistorySinks {

    public static final String INCIDENTS_UID = "clickhouse-incidents";
    public static final String MEMBERS_UID = "clickhouse-incident-members";
    public static final String EVENTS_UID = "clickhouse-incident-events";
    public static final String HEALTH_UID = "clickhouse-service-health";
    public static final String SIGNALS_UID = "clickhouse-signals";

    private CorrelationHistorySinks() {
    }

    /** The sinks, logging in with the credentials in the task managers' environment. */
    public static void attach(DataStream<CorrelatedIncident> incidents, DataStream<ServiceHealth> health,
                              DataStream<ServiceSignal> signals, ClickHouseSinkConfig config) {
        attach(incidents, health, signals, config, ClickHouseCredentials.fromEnvironment());
    }

    public static void attach(DataStream<CorrelatedIncident> incidents, DataStream<ServiceHealth> health,
                              DataStream<ServiceSignal> signals, ClickHouseSinkConfig config, ClickHouseCredentials credentials) {
        sink(incidents, new IncidentRows(), config, credentials, INCIDENTS_UID);
        sink(incidents, new IncidentMemberRows(), config, credentials, MEMBERS_UID);
        sink(incidents, new IncidentEventRows(), config, credentials, EVENTS_UID);
        sink(health, new ServiceHealthRows(), config, credentials, HEALTH_UID);
        sink(signals, new SignalRows(), config, credentials, SIGNALS_UID);
    }

    private static <T> void sink(DataStream<T> input, RowMapper<T> mapper, ClickHouseSinkConfig config,
                                 ClickHouseCredentials credentials, String uid) {
        DataStreamSink<T> sink = input.sinkTo(new ClickHouseSink<>(config, mapper, credentials)).name(uid).uid(uid);
        if (input.getParallelism() > 0) { // else both take the job's default
            sink.setParallelism(input.getParallelism());
        }
    }
}
