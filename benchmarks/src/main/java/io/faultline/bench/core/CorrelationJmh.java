package io.faultline.bench.core;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.CorrelationConfig;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.synthetic.SyntheticCatalog;
import io.faultline.core.synthetic.SyntheticHealthStream;
import io.faultline.core.synthetic.UpdateBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * JMH throughput of the correlation core on the SYNTHETIC catalog ({@link SyntheticCatalog}: 100,000
 * services, 1,000,000 edges) and health stream ({@link SyntheticHealthStream}, the generator the
 * plain-main {@link CorrelationThroughput} uses). One operation = one health update; the minute ticks
 * the stream crosses are included, as a live host pays them. Single thread.
 *
 * <pre>
 * nice mvn -o -q -B -DskipTests package -pl benchmarks -am
 * java -cp benchmarks/target/faultline-bench.jar io.faultline.bench.core.CorrelationJmh
 * </pre>
 * Kept short: 1 fork, 2 warm-up and 3 measured iterations of 5 s. Not run by {@code mvn verify} (only compiled).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class CorrelationJmh {

    private static final Instant START = Instant.parse("2021-12-07T15:00:00Z");
    private static final int BATCH = 1 << 16;

    @Param("100000")
    public int services;

    private DependencyGraph graph;
    private CorrelationEngine engine;
    private SyntheticHealthStream stream;
    private UpdateBatch batch;
    private int position;
    private long nextTick;

    @Setup(Level.Trial)
    public void buildCatalog() {
        graph = SyntheticCatalog.graph(services, 42);
        engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        stream = new SyntheticHealthStream(graph, 7, START, 25_000, 2.5e-5, SyntheticCatalog.region(0, 0),
                START.plus(Duration.ofMinutes(20)), START.plus(Duration.ofMinutes(40)));
        batch = new UpdateBatch(BATCH);
        nextTick = START.plus(Duration.ofMinutes(1)).toEpochMilli();
    }

    /** BATCH updates per invocation (ticking when the stream reaches the next minute). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int updates() {
        int done = 0;
        int revisions = 0;
        while (done < BATCH) {
            if (position == batch.size) {
                stream.fill(batch, nextTick);
                position = 0;
                if (batch.size == 0) {
                    revisions += engine.tick(Instant.ofEpochMilli(nextTick)).size();
                    nextTick += 60_000;
                    continue;
                }
            }
            int n = Math.min(batch.size - position, BATCH - done);
            for (int i = position; i < position + n; i++) {
                engine.onHealth(batch.entity[i], batch.level[i], 1.0, batch.time[i], batch.region[i]);
            }
            position += n;
            done += n;
        }
        return revisions;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(CorrelationJmh.class.getSimpleName()).build()).run();
    }
}
