package io.faultline.bench.clickhouse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.faultline.avro.ServiceHealth;
import io.faultline.clickhouse.engine.EmbeddedClickHouse;
import io.faultline.clickhouse.engine.EngineInstaller;
import io.faultline.flink.clickhouse.Batcher;
import io.faultline.flink.clickhouse.ClickHouseSql;
import io.faultline.flink.clickhouse.JdbcBatchInserter;
import io.faultline.flink.clickhouse.RetryPolicy;
import io.faultline.flink.clickhouse.ServiceHealthRows;
import io.faultline.flink.clickhouse.SinkFixtures;
import io.faultline.flink.clickhouse.SinkMetrics;

/**
 * A measurement, not a test: how many service_health rows per second the sink's batcher and JDBC
 * inserter write into the ClickHouse engine, and the engine's resident memory afterwards.
 * Run from the project directory, the engine installed ({@code ./faultline clickhouse install}):
 * {@code java -Dfaultline.home=. -cp benchmarks/target/faultline-bench.jar io.faultline.bench.clickhouse.SinkThroughput [rows] [batchRows]}.
 */
public final class SinkThroughput {

    private SinkThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batchRows = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        Path lib = EngineInstaller.installed(Path.of(System.getProperty("faultline.home", ".")).resolve(".faultline"))
                .orElseThrow(() -> new IllegalStateException("install the engine first: ./faultline clickhouse install"));
        try (EmbeddedClickHouse ch = EmbeddedClickHouse.start(lib, Files.createTempDirectory("sink-throughput"), Duration.ofSeconds(60))) {
            ch.createDatabase("bench");
            ClickHouseSql sql = new ClickHouseSql(ch.jdbcUrl("bench"), "default", "");
            sql.migrate("003_service_health.sql");
            Batcher<ServiceHealth> b = new Batcher<>(new ServiceHealthRows(), batchRows, Duration.ofHours(1), RetryPolicy.defaults(),
                    new JdbcBatchInserter(sql.jdbcUrl(), "default", "", Duration.ofSeconds(60)), SinkMetrics.NONE,
                    Clock.systemUTC(), Batcher.Sleeper.THREAD);
            for (int i = 0; i < 20_000; i++) { // warm-up: JIT and the engine's first parts
                b.add(SinkFixtures.health("warm-" + (i % 500), i));
            }
            b.flush();
            Instant start = Instant.now();
            for (int i = 0; i < rows; i++) {
                b.add(SinkFixtures.health("svc-" + (i % 2_000), i));
            }
            b.flush();
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            System.out.printf("sink -> ClickHouse engine %s: %,d service_health rows in batches of %,d in %.1f s = %,.0f rows/s; "
                    + "stored %,d; engine RSS %d MiB%n", ch.version(), rows, batchRows, seconds, rows / seconds,
                    sql.count("SELECT count() FROM service_health") - 20_000, ch.residentBytes() >> 20);
        }
    }
}
