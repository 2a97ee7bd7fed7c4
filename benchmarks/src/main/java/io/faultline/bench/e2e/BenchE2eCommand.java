package io.faultline.bench.e2e;

import io.faultline.avro.CatalogEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import io.faultline.app.DurationConverter;
import io.faultline.app.catalog.CatalogCommand;
import io.faultline.app.demo.DemoReplayOption;

/**
 * {@code faultline bench e2e}: records per second through raw → Streams → Flink → incidents on the
 * embedded stack, and the same records copied by a plain consumer and producer; see
 * {@link EndToEndBenchmark} for what is timed and what "done" means.
 */
@Command(name = "e2e", mixinStandardHelpOptions = true,
        description = {"End-to-end throughput on the embedded stack: the raw topics are pre-filled with a replay, then "
                + "timed (1) a plain consumer -> producer copy of them to a scratch topic (bytes), and (2) Kafka Streams + "
                + "the Flink correlation job from start until every record is committed through to incidents. Prints "
                + "records/s of both, their ratio, and what each stage produced.",
                "Not measured: the stack's start-up and the correlation job's (it is started first, on the still empty "
                        + "topics). The Streams app's start-up is reported and excluded from the headline rate (a second "
                        + "rate includes it)."})
public final class BenchE2eCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    DemoReplayOption replay = new DemoReplayOption();

    @Option(names = "--from", description = "Only events at or after this time (ISO-8601).")
    Instant from;

    @Option(names = "--to", description = "Only events before this time (ISO-8601), e.g. for a short run.")
    Instant to;

    @Option(names = "--work-dir", defaultValue = ".faultline/bench-e2e",
            description = "Working directory of the embedded stack, wiped at start (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--quiet-period", defaultValue = "90s", converter = DurationConverter.class,
            description = "After everything is consumed, watch this long for later incident revisions (the live job "
                    + "emits its last ones once an input has been idle for a few seconds); never counted in the rates "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration quietPeriod;

    @Option(names = "--timeout", defaultValue = "20m", converter = DurationConverter.class,
            description = "Longest the copy and the pipeline may each take (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--partitions", defaultValue = "2",
            description = "Partitions of every topic of the embedded stack (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--stream-threads", defaultValue = "1",
            description = "Stream threads of the Streams app (default: ${DEFAULT-VALUE}).")
    int streamThreads;

    @Option(names = "--job-parallelism", defaultValue = "2",
            description = "Parallelism of the correlation job's sources, decoding and mapping; the correlation itself "
                    + "runs at 1 (default: ${DEFAULT-VALUE}).")
    int jobParallelism;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("--partitions " + partitions + ": accepted values are 1 to 64");
        }
        if (streamThreads < 1 || streamThreads > 32) {
            throw new IllegalArgumentException("--stream-threads " + streamThreads + ": accepted values are 1 to 32");
        }
        if (jobParallelism < 1 || jobParallelism > 4) {
            throw new IllegalArgumentException("--job-parallelism " + jobParallelism + ": accepted values are 1 to 4 "
                    + "(the embedded Flink mini cluster has 4 task slots)");
        }
        Path home = Path.of(System.getProperty("faultline.home", "."));
        if (quietPeriod.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("--quiet-period " + quietPeriod + ": must be at least PT5S (more than two "
                    + "of the job's checkpoints, on which its commits ride)");
        }
        List<CatalogEntry> catalog = CatalogCommand.read(home.resolve("catalog")).requireValid();
        EndToEndBenchmark.Settings settings = new EndToEndBenchmark.Settings(home, workDir,
                replay.resolve(home), from, to, quietPeriod, timeout,
                partitions, streamThreads, jobParallelism);
        PrintStream out = System.out;
        EndToEndBenchmark.Result r = new EndToEndBenchmark(settings, catalog, CatalogCommand::publish).run(out);
        io.faultline.bench.e2e.StageCounts c = r.counts();
        out.println();
        out.printf("stages (records on each topic): raw %,d -> signals %,d -> service-health changes %,d -> incident revisions %,d; "
                        + "dead letters %,d%n",
                c.raw(), c.signals(), c.healthChanges(), c.incidentRevisions(), c.deadLetters());
        c.finalIncidents().forEach(i -> out.println("  incident " + i));
        double copyRate = r.copyRate();
        double pipelineRate = r.pipelineRate();
        row(out, "copy (plain consumer -> producer, bytes)", r.copyRecords(), r.copyElapsed(), "");
        EndToEndBenchmark.PipelineTimes t = r.pipeline();
        row(out, "pipeline (raw -> Streams -> Flink -> incidents)", r.rawRecords(), t.processed().minus(t.startup()),
                String.format("  (Streams start-up of %.1f s excluded)", seconds(t.startup())));
        row(out, "pipeline, Streams start-up included", r.rawRecords(), t.processed(), "");
        out.printf("stages in the same run: normalise had committed every raw record at %.1f s (%,.0f raw records/s), "
                        + "health every signal at %.1f s; the job's input: %,d signals and %,d health changes%n",
                seconds(t.normaliseDone()), r.rawRecords() / Math.max(1e-9, seconds(t.normaliseDone().minus(t.startup()))),
                seconds(t.healthDone()), c.signals(), c.healthChanges());
        out.printf("end latency: last incident revision committed %.1f s after the last signal or health change was "
                + "(the job's idle-input bound is %s; not in the rates)%n", seconds(t.endLatency()),
                io.faultline.flink.correlation.CorrelationJobConfig.IDLE_INPUT);
        out.printf("ratio pipeline / copy: %.3f (copy is %.1fx faster); start-up included: %.3f%n",
                pipelineRate / copyRate, copyRate / pipelineRate, r.pipelineRateWithStartup() / copyRate);
        out.printf("machine: %d cores, load average %.2f; stack start-up %.1f s (not measured)%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                seconds(r.stackStartup()));
        return 0;
    }

    private static void row(PrintStream out, String what, long records, Duration elapsed, String note) {
        out.printf("%-50s %,10d records in %7.2f s %,10.0f records/s%s%n", what, records, seconds(elapsed),
                records / Math.max(1e-9, seconds(elapsed)), note);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
