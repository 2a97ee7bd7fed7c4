package io.faultline.bench.e2e;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.CatalogEntry;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.flink.correlation.CorrelationKafkaJob;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.flink.kafka.RegistryRef;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplayProducer;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.ingestion.replay.ReplayStats;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Records per second through raw → Kafka Streams → Flink → incidents on the embedded stack, next to
 * the same records copied topic-to-topic by a plain consumer and producer on the same broker.
 *
 * <ol>
 *   <li>The stack starts and the catalog is published (timed, not part of either rate).</li>
 *   <li>The raw topics are pre-filled with the replay's records, so producing them is not measured.</li>
 *   <li>Baseline: {@link TopicCopy} copies the raw topics, as bytes, to a scratch topic.</li>
 *   <li>Pipeline: the correlation job is started first and waited for until all its tasks run (not
 *       measured; its inputs are empty). Then the clock starts and the Streams app is started on the
 *       pre-filled topics; the benchmark polls the broker ({@link PipelineProgress}), nothing else.
 *       <b>Processed</b> is the last move of any offset (end offsets of raw, signals, service-health,
 *       incidents, dlq; the Streams and job groups' committed offsets) before the first
 *       {@link #SETTLE} in which the Streams group had committed every raw record, the job's groups
 *       everything on service-health and signals, and nothing moved. Both apps commit with
 *       exactly-once transactions, so this includes the last commit (the job's ride on its
 *       checkpoints, every {@link #CHECKPOINT_INTERVAL}). The benchmark then keeps watching for the
 *       quiet period: the live job advances its event-time clock past a partition that receives
 *       nothing only after {@link CorrelationJobConfig#IDLE_INPUT} of wall time, so an incident's final
 *       revisions (e.g. RESOLVED) can come that much later; when they do, the delay is printed and
 *       kept out of the rates.</li>
 * </ol>
 * Rates: raw records / (processed − Streams start-up) is the headline; raw records / processed
 * (start-up included) is printed too.
 */
public final class EndToEndBenchmark {

    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration POLL_EVERY = Duration.ofMillis(100);
    /** Everything caught up and nothing moving this long (five of the job's checkpoints) ends processing. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    /** Publishes the catalog to the stack's catalog topic; returns the number of entities. */
    @FunctionalInterface
    public interface CatalogPublisher {
        int publish(String bootstrapServers, Topics topics, SchemaRegistry registry, List<CatalogEntry> entries) throws Exception;
    }

    /**
     * @param home        project home (registry app, replays)
     * @param workDir     the stack's working directory, wiped at start
     * @param replay      replay folder or archive to pre-fill the raw topics with
     * @param from        only events at or after this (null: all)
     * @param to          only events before this (null: all)
     * @param quietPeriod nothing moving this long (after everything was consumed) means done
     * @param timeout     longest the pipeline phase may take
     * @param partitions  partitions of every topic
     * @param streamThreads stream threads of the Streams app
     * @param jobParallelism parallelism of the correlation job's sources, decoding and mapping (the correlation runs at 1)
     */
    public record Settings(Path home, Path workDir, Path replay, Instant from, Instant to, Duration quietPeriod,
                           Duration timeout, int partitions, int streamThreads, int jobParallelism) {
    }

    /** What was measured. */
    public record Result(long rawRecords, Duration stackStartup, long copyRecords, Duration copyElapsed,
                         PipelineTimes pipeline, StageCounts counts) {

        /** Raw records per second through the pipeline, the Streams app's start-up excluded. */
        public double pipelineRate() {
            return rate(rawRecords, pipeline.processed().minus(pipeline.startup()));
        }

        public double pipelineRateWithStartup() {
            return rate(rawRecords, pipeline.processed());
        }

        public double copyRate() {
            return rate(copyRecords, copyElapsed);
        }
    }

    /**
     * Times of the pipeline phase, from the start of the Streams app.
     *
     * @param startup   until Streams was RUNNING
     * @param processed until every record was through and committed (see {@link #timeStreamsThrough})
     * @param lastMove  until the last offset moved (a later incident revision, if any)
     */
    public record PipelineTimes(Duration startup, Duration processed, Duration lastMove, Duration lastInput,
                                Duration lastRevision, Duration normaliseDone, Duration healthDone) {

        /** From the last record written to the job's inputs (a signal or a health change) to the last incident revision. */
        public Duration endLatency() {
            return lastRevision.minus(lastInput);
        }
    }


    private final Settings settings;
    private final List<CatalogEntry> catalog;
    private final CatalogPublisher publisher;

    public EndToEndBenchmark(Settings settings, List<CatalogEntry> catalog, CatalogPublisher publisher) {
        this.settings = settings;
        this.catalog = List.copyOf(catalog);
        this.publisher = publisher;
    }

    public Result run(PrintStream out) throws Exception {
        EmbeddedStack.wipe(settings.workDir());
        long t0 = System.nanoTime();
        out.println("faultline bench e2e: starting the embedded stack under " + settings.workDir().toAbsolutePath());
        try (EmbeddedStack stack = EmbeddedStack.start(settings.home(), settings.workDir(), Topics.defaults(),
                settings.partitions())) {
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            int published = publisher.publish(stack.bootstrapServers(), stack.topics(), registry, catalog);
            Duration stackStartup = Duration.ofNanos(System.nanoTime() - t0);
            out.printf("  stack up (broker, registry, Flink mini cluster, %d catalog entities) in %.1f s (not measured)%n",
                    published, seconds(stackStartup));

            long raw = prefill(stack, registry, out);
            TopicCopy.Result copy = baseline(stack, raw, out);
            PipelineTimes pipeline = pipeline(stack, raw, out);
            StageCounts counts = StageCounts.read(stack, registry);
            return new Result(raw, stackStartup, copy.records(), copy.elapsed(), pipeline, counts);
        }
    }

    /** Produces the replay to the raw topics (not measured) and returns how many records they hold. */
    private long prefill(EmbeddedStack stack, SchemaRegistry registry, PrintStream out) throws Exception {
        ReplayOptions options = ReplayOptions.defaults().withWindow(settings.from(), settings.to());
        try (ReplaySource source = ReplaySource.open(settings.replay(), options);
             ReplayProducer producer = new ReplayProducer(ReplayProducer.config(stack.bootstrapServers()), stack.topics(),
                     registry, Clock.systemUTC())) {
            out.println("  pre-filling the raw topics: " + source.description());
            ReplayStats stats = producer.replay(source, 0, Duration.ofMinutes(10), p -> { });
            out.printf("  pre-filled: %s (not measured)%n", stats.summary());
        }
        long raw = 0;
        for (var t : stack.topics().raw()) {
            raw += TopicRecords.count(stack.bootstrapServers(), t.name());
        }
        if (raw == 0) {
            throw new IllegalStateException(settings.replay() + ": no raw records in the chosen window");
        }
        return raw;
    }

    private TopicCopy.Result baseline(EmbeddedStack stack, long raw, PrintStream out) throws Exception {
        String scratch = stack.topics().prefix() + "bench.copy";
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(scratch, settings.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        long cpu0 = cpu();
        TopicCopy.Result copy = TopicCopy.copy(stack.bootstrapServers(), rawTopics(stack), scratch, raw, settings.timeout());
        long cpu = cpu() - cpu0;
        long copied = TopicRecords.count(stack.bootstrapServers(), scratch);
        if (copied != raw) {
            throw new IllegalStateException("copy: " + scratch + " holds " + copied + " records, expected " + raw);
        }
        out.printf("  baseline: plain consumer -> producer copied %,d records to %s in %.2f s, %.1f CPU-s of this process%n",
                copy.records(), scratch, seconds(copy.elapsed()), cpu / 1e9);
        return copy;
    }

    private PipelineTimes pipeline(EmbeddedStack stack, long raw, PrintStream out) throws Exception {
        Topics topics = stack.topics();
        List<String> watched = new ArrayList<>(rawTopics(stack));
        watched.addAll(List.of(topics.signals.name(), topics.serviceHealth.name(), topics.incidents.name(),
                topics.deadLetters.name()));
        // the correlation job's source groups are CorrelationJob.NAME + "-" + the input's name (CorrelationKafkaJob)
        String flinkHealth = CorrelationJob.NAME + "-service-health";
        String flinkSignals = CorrelationJob.NAME + "-signals";
        List<PipelineProgress.Reader> readers = List.of(
                new PipelineProgress.Reader(StreamsAppConfig.DEFAULT_APPLICATION_ID, rawTopics(stack), 0),
                new PipelineProgress.Reader(flinkHealth, List.of(topics.serviceHealth.name()), 1),
                new PipelineProgress.Reader(flinkSignals, List.of(topics.signals.name()), 1));
        try (PipelineProgress progress = new PipelineProgress(stack.bootstrapServers(), watched, readers)) {
            out.printf("  pipeline: %,d pre-filled raw records%n", raw);
            long submitted = System.nanoTime();
            JobClient job = submitCorrelation(stack);
            try {
                FlinkJobState.awaitAllTasksRunning(stack.flink().restAddress(), job.getJobID().toHexString(),
                        Duration.ofMinutes(2));
                out.printf("    correlation job submitted, all its tasks RUNNING after %.1f s (not measured; its inputs "
                        + "are still empty)%n", (System.nanoTime() - submitted) / 1e9);
                return timeStreamsThrough(stack, progress, flinkHealth, flinkSignals, out);
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * The timed part: the Streams app starts on the pre-filled raw topics (the correlation job is
     * already running) and the broker is polled. Processing has ended at the last move before the
     * first {@link #SETTLE} in which everything was caught up and nothing moved; the run is over
     * when nothing moved for the quiet period, and the last move of all is when the final revision
     * was committed.
     */
    private PipelineTimes timeStreamsThrough(EmbeddedStack stack, PipelineProgress progress, String flinkHealth,
                                             String flinkSignals, PrintStream out) throws Exception {
        Topics topics = stack.topics();
        long settle = Math.min(SETTLE.toNanos(), settings.quietPeriod().toNanos());
        long cpu0 = cpu();
        long start = System.nanoTime();
        try (StreamsApp streams = StreamsApp.start(StreamsAppConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                topics.prefix(), StreamsAppConfig.DEFAULT_APPLICATION_ID, settings.workDir().resolve("streams-state"))
                .withStreamThreads(settings.streamThreads()))) {
            long running = -1;
            long processed = -1;
            long lastMove = start;
            long nextReport = start + Duration.ofSeconds(10).toNanos();
            PipelineProgress.Snapshot last = null;
            long lastInput = start;
            long lastRevision = start;
            long normaliseDone = -1;
            long healthDone = -1;
            long deadline = start + settings.timeout().toNanos();
            while (true) {
                long now = System.nanoTime();
                if (running < 0 && streams.state() == KafkaStreams.State.RUNNING) {
                    running = now;
                    out.printf("    Kafka Streams RUNNING after %.1f s (its start-up: catalog table restored, group joined)%n",
                            (now - start) / 1e9);
                }
                PipelineProgress.Snapshot s = progress.poll();
                if (!s.equals(last)) {
                    if (last == null || s.end(topics.signals.name()) != last.end(topics.signals.name())
                            || s.end(topics.serviceHealth.name()) != last.end(topics.serviceHealth.name())) {
                        lastInput = now;
                    }
                    if (last == null || s.end(topics.incidents.name()) != last.end(topics.incidents.name())) {
                        lastRevision = now;
                    }
                    last = s;
                    lastMove = now;
                }
                if (normaliseDone < 0 && lag(s, rawTopics(stack)) == 0) {
                    normaliseDone = now;
                }
                if (normaliseDone >= 0 && healthDone < 0
                        && s.lag(StreamsAppConfig.DEFAULT_APPLICATION_ID, topics.signals.name()) <= s.partitions(topics.signals.name())) {
                    healthDone = now;
                }
                boolean still = running >= 0 && s.caughtUp();
                if (still && processed < 0 && now - lastMove >= settle) {
                    processed = lastMove;
                    out.printf("    processed: at %.1f s Streams had committed every raw record and the job everything on "
                            + "service-health and signals; watching %s for later revisions%n", (processed - start) / 1e9,
                            settings.quietPeriod());
                }
                if (still && now - lastMove >= settings.quietPeriod().toNanos()) {
                    break;
                }
                if (now > deadline) {
                    throw new IllegalStateException("pipeline not done within " + settings.timeout() + ": "
                            + describe(s, topics, flinkHealth, flinkSignals) + ", streams " + streams.state());
                }
                if (now >= nextReport) {
                    out.printf("    %.0f s: %s%n", (now - start) / 1e9, describe(s, topics, flinkHealth, flinkSignals));
                    nextReport = now + Duration.ofSeconds(10).toNanos();
                }
                Thread.sleep(POLL_EVERY.toMillis()); // a polling interval, not a wait for a condition
            }
            long cpu = cpu() - cpu0;
            if (processed < 0) { // the quiet period was shorter than SETTLE
                processed = lastMove;
            }
            PipelineTimes times = new PipelineTimes(Duration.ofNanos(Math.min(running, processed) - start),
                    Duration.ofNanos(processed - start), Duration.ofNanos(lastMove - start),
                    Duration.ofNanos(lastInput - start), Duration.ofNanos(lastRevision - start),
                    Duration.ofNanos(Math.max(0, normaliseDone - start)), Duration.ofNanos(Math.max(0, healthDone - start)));
            out.printf("    done: nothing moved for %s; the last move was at %.1f s%s; %.1f CPU-s of this process "
                            + "(to the end of the quiet period)%n", settings.quietPeriod(), seconds(times.lastMove()),
                    lastMove > processed ? String.format(" (%.1f s after processing ended: revisions the job emits once an "
                            + "input partition has been idle for %s of wall time)", (lastMove - processed) / 1e9,
                            CorrelationJobConfig.IDLE_INPUT) : "", cpu / 1e9);
            return times;
        }
    }

    private JobClient submitCorrelation(EmbeddedStack stack) throws Exception {
        StreamExecutionEnvironment env = stack.flink().environment();
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        env.setParallelism(settings.jobParallelism());
        new CorrelationKafkaJob(new KafkaIO(stack.bootstrapServers(), new RegistryRef(stack.registryUrl(), true)),
                stack.topics(), CorrelationJobConfig.defaults())
                .withStreamsApplication(StreamsAppConfig.DEFAULT_APPLICATION_ID).build(env, CorrelationKafkaJob.Range.live());
        return env.executeAsync(CorrelationJob.NAME);
    }


    private static String describe(PipelineProgress.Snapshot s, Topics topics, String flinkHealth, String flinkSignals) {
        long rawEnd = 0;
        long rawLag = 0;
        for (var t : topics.raw()) {
            rawEnd += s.end(t.name());
            rawLag += s.lag(StreamsAppConfig.DEFAULT_APPLICATION_ID, t.name());
        }
        return String.format("raw %,d (Streams to commit %,d), signals %,d (job to commit %,d), service-health %,d "
                        + "(job to commit %,d), incidents %,d (end offsets, markers included)", rawEnd, rawLag,
                s.end(topics.signals.name()), s.lag(flinkSignals, topics.signals.name()),
                s.end(topics.serviceHealth.name()), s.lag(flinkHealth, topics.serviceHealth.name()),
                s.end(topics.incidents.name()));
    }

    private static long lag(PipelineProgress.Snapshot s, List<String> topics) {
        long lag = 0;
        for (String t : topics) {
            lag += s.lag(StreamsAppConfig.DEFAULT_APPLICATION_ID, t);
        }
        return lag;
    }

    private static List<String> rawTopics(EmbeddedStack stack) {
        return stack.topics().raw().stream().map(Topics.Topic::name).toList();
    }

    static double rate(long records, Duration d) {
        return records / Math.max(1e-9, d.toNanos() / 1e9);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** CPU time of this process, all threads (the broker and Flink included, the registry child process not). */
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
