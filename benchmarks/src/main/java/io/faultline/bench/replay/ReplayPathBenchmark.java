package io.faultline.bench.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.ingestion.replay.ArchiveWriter;
import io.faultline.ingestion.replay.RawEvent;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplayProducer;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.ingestion.replay.ReplayStats;
import io.faultline.ingestion.replay.TimelineReplayGenerator;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;

/**
 * Rates of the replay path, in events per second, on the reconstructed AWS 2021-12-07 replay
 * (about 193,000 events):
 * <ol>
 *   <li>generate: timeline.yaml to events, written as an archive (gzip NDJSON, Avro JSON);</li>
 *   <li>parse only: the archive read back into Avro records;</li>
 *   <li>parse and produce: archive read, Avro-encoded with the project's serde against the embedded
 *       registry, produced to the embedded broker (idempotent, acks=all), flushed.</li>
 * </ol>
 * Run: {@code java -cp benchmarks/target/faultline-bench.jar io.faultline.bench.replay.ReplayPathBenchmark .}
 * (see docs/replay-archive.md). Argument: the project home (default {@code .}).
 */
public final class ReplayPathBenchmark {

    private ReplayPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("faultline-replay-bench");
        Path archive = work.resolve("archive");
        TimelineReplayGenerator g = TimelineReplayGenerator.load(home.resolve("replays/aws-us-east-1-2021-12-07"),
                home.resolve("catalog"));

        long t0 = System.nanoTime();
        long c0 = cpu();
        long generated = 0;
        try (ArchiveWriter w = ArchiveWriter.create(archive, "benchmark", null, List.of())) {
            Iterator<RawEvent> it = g.events();
            while (it.hasNext()) {
                w.write(it.next());
                generated++;
            }
        }
        report("generate + write archive", generated, System.nanoTime() - t0, cpu() - c0);
        System.out.printf("  archive size %.1f MB for %d events%n", Files.size(archive.resolve(ArchiveWriter.EVENTS_FILE)) / 1e6,
                generated);

        for (int round = 1; round <= 2; round++) { // the second round runs on a warmed-up JIT
            long t1 = System.nanoTime();
            long c1 = cpu();
            long parsed = 0;
            try (ReplaySource s = ReplaySource.open(archive, ReplayOptions.defaults())) {
                Iterator<RawEvent> it = s.events();
                while (it.hasNext()) {
                    it.next();
                    parsed++;
                }
            }
            report("parse only (archive -> Avro records), round " + round, parsed, System.nanoTime() - t1, cpu() - c1);
        }

        try (EmbeddedStack stack = EmbeddedStack.start(home, work.resolve("stack"))) {
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            for (int round = 1; round <= 2; round++) {
                try (ReplaySource s = ReplaySource.open(archive, ReplayOptions.defaults());
                     ReplayProducer p = new ReplayProducer(ReplayProducer.config(stack.bootstrapServers()), stack.topics(),
                             registry, Clock.systemUTC())) {
                    long c2 = cpu();
                    ReplayStats stats = p.replay(s, 0, Duration.ofDays(1), x -> { });
                    report("parse + encode + produce (broker in this JVM), round " + round, stats.total(),
                            stats.elapsed().toNanos(), cpu() - c2);
                }
            }
        }
        System.out.println("  cores: " + Runtime.getRuntime().availableProcessors() + ", load average: "
                + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /**
     * Wall-clock rate, and the rate per CPU-second of this process (all its threads, the in-process broker
     * included, the registry child process not): on a shared machine the second is the steadier figure.
     */
    private static void report(String what, long events, long nanos, long cpuNanos) {
        System.out.printf("%-62s %,9d events %6.1f s %,8.0f events/s  (%,8.0f events per CPU-second)%n", what, events,
                nanos / 1e9, events / (nanos / 1e9), events / (cpuNanos / 1e9));
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
