package io.faultline.flink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.testsupport.DockerOrSkip;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.flink.correlation.CorrelationFixtures;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.flink.correlation.CorrelationStreams;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.testcontainers.clickhouse.ClickHouseContainer;

/**
 * The sink against a real ClickHouse (Docker only): a batch replayed after a "restart" does not
 * duplicate rows, and the correlation job with its history sinks attached, run twice over the same
 * input, leaves each revision, member, timeline entry, health change and signal once.
 */
class ClickHouseSinkIT {

    static ClickHouseSql sql(ClickHouseContainer ch) {
        return new ClickHouseSql(ch.getJdbcUrl(), ch.getUsername(), ch.getPassword());
    }

    @Test
    void aReplayedBatchIsDeduplicated() throws Exception {
        DockerOrSkip.require("ClickHouseSinkIT");
        try (ClickHouseContainer ch = new ClickHouseContainer(DockerOrSkip.CLICKHOUSE_IMAGE).withDatabaseName("faultline")) {
            ch.start();
            sql(ch).migrate("003_service_health.sql");
            for (int run = 0; run < 2; run++) { // the second run replays the batch, as a restart from a checkpoint does
                Batcher<ServiceHealth> b = new Batcher<>(new ServiceHealthRows(), 3, Duration.ofSeconds(5), RetryPolicy.defaults(),
                        new JdbcBatchInserter(ch.getJdbcUrl(), ch.getUsername(), ch.getPassword(), Duration.ofSeconds(30)),
                        SinkMetrics.NONE, Clock.systemUTC(), Batcher.Sleeper.THREAD);
                for (int i = 0; i < 3; i++) {
                    b.add(SinkFixtures.health("svc-" + i, i));
                }
                b.flush();
            }
            assertThat(sql(ch).count("SELECT count() FROM service_health"))
                    .as("rows without FINAL: the replayed insert was dropped by its token").isEqualTo(3);
        }
    }

    @Test
    void theCorrelationJobRunTwiceLeavesItsHistoryOnce() throws Exception {
        DockerOrSkip.require("ClickHouseSinkIT");
        try (ClickHouseContainer ch = new ClickHouseContainer(DockerOrSkip.CLICKHOUSE_IMAGE).withDatabaseName("faultline")) {
            ch.start();
            sql(ch).migrate("002_signals.sql", "003_service_health.sql", "004_incidents.sql", "005_incident_members.sql",
                    "006_incident_events.sql");
            CorrelationJobConfig config = CorrelationJobConfig.defaults().withMaxOutOfOrderness(Duration.ofMinutes(3));
            List<ServiceHealth> health = CorrelationFixtures.outageHealth();
            for (int run = 0; run < 2; run++) { // the second run replays everything, as a restart without a checkpoint does
                Configuration conf = new Configuration();
                conf.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.BATCH);
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                env.setParallelism(2);
                DataStream<ServiceHealth> healthIn = env.fromData(health, new AvroTypeInfo<>(ServiceHealth.class));
                DataStream<ServiceSignal> signalsIn = env.fromData(CorrelationFixtures.outageSignals(),
                        new AvroTypeInfo<>(ServiceSignal.class));
                CorrelationStreams out = new CorrelationJob(config).build(env, healthIn, signalsIn,
                        env.fromData(CorrelationFixtures.catalog(), new AvroTypeInfo<>(CatalogEntry.class)));
                CorrelationHistorySinks.attach(out.incidents(), healthIn, signalsIn, new ClickHouseSinkConfig(ch.getJdbcUrl(), 4,
                        Duration.ofHours(1), Duration.ofSeconds(30), RetryPolicy.defaults()),
                        ClickHouseCredentials.of(ch.getUsername(), ch.getPassword()));
                env.execute("correlation-to-clickhouse-" + run);
            }
            List<CorrelatedIncident> revisions = CorrelationJob.runBatch(config, CorrelationFixtures.catalog(), health,
                    CorrelationFixtures.outageSignals());
            assertThat(revisions).isNotEmpty();
            assertThat(sql(ch).count("SELECT count() FROM incidents")).isEqualTo(revisions.size());
            assertThat(sql(ch).count("SELECT count() FROM incident_members"))
                    .isEqualTo(revisions.stream().mapToLong(r -> r.getMembers().size()).sum());
            assertThat(sql(ch).count("SELECT count() FROM incident_events"))
                    .isEqualTo(revisions.stream().mapToLong(r -> r.getTimeline().size()).sum());
            assertThat(sql(ch).count("SELECT count() FROM service_health")).isEqualTo(health.size());
            assertThat(sql(ch).count("SELECT count() FROM signals")).isEqualTo(CorrelationFixtures.outageSignals().size());
            assertThat(sql(ch).count("SELECT count() FROM incidents FINAL")).as("one row per incident after merging revisions")
                    .isEqualTo(revisions.stream().map(CorrelatedIncident::getIncidentId).distinct().count());
        }
    }
}
