package io.faultline.app.demo;

import io.faultline.api.http.ApiHooks;
import io.faultline.app.metrics.CommandMetrics;
import io.faultline.app.metrics.ConsumerGroupLag;
import io.faultline.app.metrics.FlinkJobReadiness;
import io.faultline.app.metrics.FlinkMetricsBridge;
import io.faultline.app.metrics.KafkaReadiness;
import io.faultline.app.metrics.MetricsOptions;
import io.faultline.app.metrics.StreamsReadiness;
import io.faultline.streams.PipelineMeters;

import io.faultline.app.demo.IncidentPrinter;
import io.faultline.app.demo.IncidentWatcher;
import io.faultline.app.demo.TopicCounts;
import io.faultline.app.demo.DemoAlerts;
import io.faultline.app.demo.HistoryTour;
import io.faultline.notify.SubscriptionsFile;
import io.faultline.app.embedded.EmbeddedHistory;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.api.history.ClickHouseHistoryRepository;
import io.faultline.api.http.ApiConfig;
import io.faultline.flink.clickhouse.ClickHouseSinkConfig;
import io.faultline.app.live.StreamsLiveApi;
import io.faultline.app.evaluate.IncidentViews;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.core.evaluation.ExpectedOutcome;
import io.faultline.core.evaluation.ReplayScore;
import io.faultline.core.evaluation.ReplayScorer;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.flink.correlation.CorrelationKafkaJob;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.flink.kafka.RegistryRef;
import io.faultline.ingestion.evaluation.ExpectedOutcomes;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplayProducer;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.ingestion.replay.ReplayStats;
import io.faultline.ingestion.replay.TimelineSource;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import io.faultline.app.DurationConverter;
import io.faultline.app.api.ApiCommand;
import io.faultline.app.catalog.CatalogCommand;
import io.faultline.app.run.RunCorrelationCommand;

/**
 * {@code faultline demo}: the whole pipeline in one process. Starts the embedded stack, loads the
 * catalog, runs the Kafka Streams app and the Flink correlation job, serves the timeline API, and
 * replays a past outage into the raw topics, printing each incident revision as it is committed.
 * With history (the default), the ClickHouse engine runs beside it: the job's ClickHouse sinks
 * write to it, the API's history endpoints read from it, and the demo ends by querying them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on the embedded stack (Kafka broker, schema registry, Kafka Streams, "
                + "Flink mini cluster, ClickHouse engine for history, timeline API) and replay a past outage through it, printing the incident as it "
                + "forms: cause, confidence, services joining.",
                "Data lives under --work-dir and is wiped at start; everything stops on exit or Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration HISTORY_QUERY_TIMEOUT = Duration.ofSeconds(10);
    /** The sink writes at checkpoints: the last revision reaches ClickHouse within a checkpoint or two of Kafka. */
    private static final Duration HISTORY_WAIT = Duration.ofSeconds(60);
    /** After the replay, the longest wait for the last alerts (the resolve) to be acknowledged or dead-lettered. */
    private static final Duration ALERTS_WAIT = Duration.ofMinutes(2);
    /** Longest wait for the drained stop of the correlation job, and for the watcher to read its last revisions. */
    private static final Duration DRAIN_WAIT = Duration.ofMinutes(2);
    /** The watcher has read the drained job's last revisions once none arrived for this long. */
    private static final Duration DRAIN_SETTLE = Duration.ofSeconds(5);

    @Option(names = "--work-dir", description = "Working directory of the embedded stack (default: ${DEFAULT-VALUE}).",
            defaultValue = ".faultline/demo")
    Path workDir;

    @picocli.CommandLine.Mixin
    DemoReplayOption replay = new DemoReplayOption();

    @Option(names = "--speed", description = "Event-time seconds per wall second; default: as fast as possible.")
    double speed;

    @Option(names = "--api-port", description = "Port of the timeline API (default: ${DEFAULT-VALUE}; 0 = any free port).",
            defaultValue = "8080")
    int apiPort;

    @Option(names = "--no-history", description = "Do not start the embedded ClickHouse engine: no history endpoints, "
            + "no ClickHouse sinks. Without it, the engine is installed on first use (about 180 MB from the npm registry).")
    boolean noHistory;

    @Option(names = "--exit", description = "Stop after the replay has been scored instead of serving the API until Ctrl-C; "
            + "the correlation job is first drained (end of input), so open incidents resolve.")
    boolean exitAfterReplay;

    @Option(names = "--quiet-period", description = "After the replay, stop waiting once no revision arrived and the signal, health and incident topics stood still for this long "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "30s", converter = DurationConverter.class)
    Duration quietPeriod;

    @Option(names = "--timeout", description = "Longest wait for incidents after the replay (default: ${DEFAULT-VALUE}).",
            defaultValue = "10m", converter = DurationConverter.class)
    Duration timeout;

    @Option(names = "--webhook", paramLabel = "URL", description = {"Also deliver the demo's incident alerts to this "
            + "webhook (repeatable): signed JSON as 'faultline run notify' sends it (docs/notify.md), one alert per "
            + "incident, updates, the resolve.", "The signing secret is FAULTLINE_WEBHOOK_SECRET, or a random one printed at start."})
    List<java.net.URI> webhooks = new java.util.ArrayList<>();

    @Option(names = "--webhook-throttle", description = "At most one update per this much incident time to --webhook "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "1h", converter = DurationConverter.class)
    Duration webhookThrottle;

    @picocli.CommandLine.Mixin
    MetricsOptions metrics = new MetricsOptions();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path home = Path.of(System.getProperty("faultline.home", "."));
        Path replayDir = replay.resolve(home);
        if (speed < 0) {
            throw new IllegalArgumentException("--speed " + speed + ": must be > 0 (omit it for as fast as possible)");
        }
        checkReplay(replayDir);
        List<CatalogEntry> catalog = CatalogCommand.read(home.resolve("catalog")).requireValid();
        Optional<SubscriptionsFile.Contents> alerts = DemoAlerts.subscriptions(webhooks, webhookThrottle, out);
        EmbeddedStack.wipe(workDir);
        Instant t0 = Instant.now();
        out.println("faultline demo: starting the embedded stack under " + workDir.toAbsolutePath());
        // first: a metrics port in use fails before anything starts; the URL is printed as "metrics http://…/metrics"
        try (CommandMetrics m = metrics.open(new java.io.PrintWriter(out, true));
             EmbeddedStack stack = EmbeddedStack.start(home, workDir)) {
            m.require(new KafkaReadiness(stack.bootstrapServers()));
            out.printf("  kafka broker (KRaft)   %s%n", stack.bootstrapServers());
            out.printf("  schema registry        %s  (Apicurio, Confluent API)%n", stack.registryUrl());
            out.printf("  flink mini cluster     %s%n", stack.flink().restAddress());
            Optional<EmbeddedHistory> history = noHistory ? Optional.empty() : startHistory(stack, home, out);
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            int published = CatalogCommand.publish(stack.bootstrapServers(), stack.topics(), registry, catalog);
            out.printf("  catalog                %d entities on %s%n", published, stack.topics().catalog.name());

            try (StreamsApp streams = StreamsApp.start(StreamsAppConfig.of(stack.bootstrapServers(), stack.registryUrl(),
                    stack.topics().prefix(), StreamsAppConfig.DEFAULT_APPLICATION_ID, workDir.resolve("streams-state")),
                    PipelineMeters.of(m.registry()))) {
                out.printf("  kafka streams          %s (exactly-once v2)%n", StreamsAppConfig.DEFAULT_APPLICATION_ID);
                m.require(StreamsReadiness.of(streams::state));
                JobClient job = submitCorrelation(stack, history);
                out.printf("  flink correlation job  %s (%s)%n", CorrelationJob.NAME, job.getJobID());
                m.require(new FlinkJobReadiness(job));
                // closed with the API, before the stack stops under them
                FlinkMetricsBridge flinkMetrics = FlinkMetricsBridge.start(stack.flink().restAddress(), job.getJobID().toString(),
                        CorrelationJob.NAME, m.registry(), RunCorrelationCommand.FLINK_METRICS_INTERVAL);
                List<String> groups = new java.util.ArrayList<>(List.of(StreamsAppConfig.DEFAULT_APPLICATION_ID));
                groups.addAll(CorrelationKafkaJob.inputGroups());
                ConsumerGroupLag lag = ConsumerGroupLag.start(stack.bootstrapServers(), groups, m.registry(),
                        ConsumerGroupLag.DEFAULT_INTERVAL);
                // live service health by interactive queries over the Streams app's store; incidents from their topic
                try (flinkMetrics; lag; StreamsLiveApi api = StreamsLiveApi.start(StreamsLiveApi.config(apiPort), streams, stack.bootstrapServers(),
                        stack.topics(), registry, history.map(h -> new ClickHouseHistoryRepository(
                        new io.faultline.api.history.PooledConnections(h.settings().connections(), ApiCommand.POOLED_CONNECTIONS),
                                HISTORY_QUERY_TIMEOUT)), new ApiHooks(m.registry(), m::problems))) {
                    m.started();
                    out.printf("  timeline API           http://127.0.0.1:%d/api/v1/live/incidents  (live health: Kafka Streams "
                            + "interactive queries)%n", api.port());
                    if (history.isPresent()) {
                        out.printf("                         http://127.0.0.1:%d/api/v1/incidents  (history: ClickHouse)%n", api.port());
                    }
                    out.printf("  started in %.1f s%n%n", secondsSince(t0));

                    IncidentWatcherResult watched;
                    try (DemoAlerts delivering = DemoAlerts.start(alerts, stack, registry, out)) {
                        watched = replayAndWatch(stack, registry, replayDir, streams, job, out);
                        delivering.finish(ALERTS_WAIT);
                    }
                    int code = watched.code();
                    if (history.isPresent() && !new HistoryTour(api.port(), ApiConfig.tokenFromEnvironment(), out)
                            .show(watched.latestRevisions(), HISTORY_WAIT)) {
                        code = 1;
                    }
                    if (!exitAfterReplay) {
                        out.printf("%nThe stack keeps running. Try:%n  curl -s http://127.0.0.1:%d/api/v1/live/incidents%n"
                                + "  curl -s http://127.0.0.1:%d/api/v1/live/services%n%s%sCtrl-C stops everything.%n",
                                api.port(), api.port(), m.endpoint().map(e -> "  curl -s " + e.url() + "\n").orElse(""), history.isPresent() ? "  curl -s http://127.0.0.1:" + api.port()
                                        + "/api/v1/incidents\n  (ClickHouse itself: " + history.get().engine().httpUrl()
                                        + ", database " + EmbeddedHistory.DATABASE + ")\n" : "");
                        CountDownLatch stop = new CountDownLatch(1);
                        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                        stop.await();
                    }
                    return code;
                } finally {
                    // a drained (--exit) job has finished already; cancelling it then only logs an error
                    if (!job.getJobStatus().get().isGloballyTerminalState()) {
                        job.cancel();
                    }
                }
            }
        }
    }

    /** The history store, or empty (said so) when the engine cannot be installed or started here. */
    private static Optional<EmbeddedHistory> startHistory(EmbeddedStack stack, Path home, PrintStream out) {
        try {
            EmbeddedHistory h = stack.startHistory(home, line -> out.println("  " + line));
            out.printf("  clickhouse (history)   %s  (ClickHouse engine %s, chDB, child process; %d migrations applied)%n",
                    h.url(), h.engine().version(), h.migrations());
            return Optional.of(h);
        } catch (Exception e) {
            out.printf("  clickhouse (history)   off: %s%n                         the demo goes on without history: the "
                    + "history endpoints answer 503 (--no-history skips this attempt)%n", e.getMessage());
            return Optional.empty();
        }
    }

    private JobClient submitCorrelation(EmbeddedStack stack, Optional<EmbeddedHistory> history) throws Exception {
        StreamExecutionEnvironment env = stack.flink().environment();
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        env.setParallelism(1);
        CorrelationKafkaJob job = new CorrelationKafkaJob(new KafkaIO(stack.bootstrapServers(),
                new RegistryRef(stack.registryUrl(), true)), stack.topics(), CorrelationJobConfig.defaults())
                .withStreamsApplication(StreamsAppConfig.DEFAULT_APPLICATION_ID);
        if (history.isPresent()) {
            // incidents, members, timelines, health changes and signals, written at each checkpoint
            job = job.withClickHouse(ClickHouseSinkConfig.of(history.get().settings().jdbcUrl()));
        }
        job.build(env, CorrelationKafkaJob.Range.live());
        return env.executeAsync(CorrelationJob.NAME);
    }

    /** The replay's verdict and the latest revision of each incident the job committed. */
    private record IncidentWatcherResult(int code, Map<String, Long> latestRevisions) {
    }

    private IncidentWatcherResult replayAndWatch(EmbeddedStack stack, SchemaRegistry registry, Path replayDir, StreamsApp streams,
                               JobClient job, PrintStream out)
            throws Exception {
        IncidentPrinter printer = new IncidentPrinter(out);
        try (IncidentWatcher watcher = new IncidentWatcher(stack.bootstrapServers(), stack.topics(), registry, printer::print);
             ReplaySource source = ReplaySource.open(replayDir, ReplayOptions.defaults());
             ReplayProducer producer = new ReplayProducer(ReplayProducer.config(stack.bootstrapServers()), stack.topics(),
                     registry, Clock.systemUTC());
             TopicCounts counts = new TopicCounts(stack.bootstrapServers())) {
            out.println("replaying " + source.description());
            if (source instanceof TimelineSource t) {
                t.generator().report().lines().forEach(l -> out.println("  " + l));
            }
            out.println("incidents, as the correlation job commits them:");
            Instant started = Instant.now();
            ReplayStats stats = producer.replay(source, speed, Duration.ofSeconds(15),
                    p -> out.printf("  ... replayed %,d raw events, event time %s%n", p.sent(), p.eventTime()));
            out.printf("  replay finished: %s%n", stats.summary());

            Instant deadline = Instant.now().plus(timeout);
            int lastCount = -1;
            Instant lastChange = Instant.now();
            Instant nextProgress = Instant.now();
            List<String> stages = List.of(stack.topics().signals.name(), stack.topics().serviceHealth.name(),
                    stack.topics().incidents.name(), stack.topics().deadLetters.name());
            Map<String, Long> lastStages = Map.of();
            Instant nextStageCheck = Instant.now();
            while (Instant.now().isBefore(deadline)) {
                if (!Instant.now().isBefore(nextStageCheck)) {
                    // the quiet period counts only while the stages stand still too: a slow machine
                    // still working through signals and health is not "quiet"
                    Map<String, Long> now = counts.of(stages);
                    if (!now.equals(lastStages)) {
                        lastStages = now;
                        lastChange = Instant.now();
                    }
                    nextStageCheck = Instant.now().plusSeconds(2);
                    if (!Instant.now().isBefore(nextProgress)) {
                        out.println("  ... pipeline (committed offsets): " + now + ", streams " + streams.state());
                        nextProgress = Instant.now().plusSeconds(15);
                    }
                }
                int n = watcher.revisions().size();
                if (n != lastCount) {
                    lastCount = n;
                    lastChange = Instant.now();
                } else if (n > 0 && Duration.between(lastChange, Instant.now()).compareTo(quietPeriod) > 0) {
                    break;
                }
                Thread.sleep(500);
            }
            if (exitAfterReplay) {
                drain(job, watcher, out);
            }
            List<CorrelatedIncident> revisions = watcher.revisions();
            out.printf("%n%d incident revisions in %.0f s of replay and processing%n", revisions.size(),
                    Duration.between(started, Instant.now()).toMillis() / 1000.0);
            Map<String, Long> latest = new java.util.TreeMap<>();
            revisions.forEach(r -> latest.merge(r.getIncidentId(), r.getRevision(), Math::max));
            return new IncidentWatcherResult(summarise(replayDir, revisions, out), latest);
        }
    }

    /**
     * Ends the job as at the end of its input (stop-with-savepoint, draining): the watermark jumps to its maximum, the
     * correlation operator ticks on past the newest input so open incidents resolve, and the sink commits those last
     * revisions with the savepoint. Then waits for the watcher to have read them. Without this, an --exit run ends
     * with its incident still open (the replay's last hour has no input to move event time on), and --webhook
     * receivers never get the resolve.
     */
    private void drain(JobClient job, IncidentWatcher watcher, PrintStream out) throws Exception {
        out.println("  draining the correlation job (stop with savepoint, end of input) so open incidents resolve ...");
        String savepoint = job.stopWithSavepoint(true, workDir.resolve("savepoints").toAbsolutePath().toUri().toString(),
                org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get(DRAIN_WAIT.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS);
        out.println("  job drained, savepoint " + savepoint);
        // the final revisions were committed with the savepoint; wait for the watcher to have read them
        Instant deadline = Instant.now().plus(DRAIN_WAIT);
        int seen = -1;
        Instant stableSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            int n = watcher.revisions().size();
            if (n != seen) {
                seen = n;
                stableSince = Instant.now();
            } else if (Duration.between(stableSince, Instant.now()).compareTo(DRAIN_SETTLE) >= 0) {
                return;
            }
            Thread.sleep(250); // poll interval while the watcher reads the last revisions
        }
    }

    /**
     * Before the stack starts (half a minute): the replay exists, and its expected.json, when it has one,
     * is an outage the demo can score. A network replay would run to --timeout and then fail.
     */
    static void checkReplay(Path replayDir) {
        if (!Files.exists(replayDir)) {
            throw new IllegalArgumentException("--replay " + replayDir + ": no such file or directory (the replays are "
                    + "under replays/, e.g. replays/aws-us-east-1-2021-12-07)");
        }
        Path expectedFile = replayDir.resolve("expected.json");
        if (Files.isRegularFile(expectedFile)) {
            if (ExpectedOutcomes.isNetwork(expectedFile)) {
                throw new IllegalArgumentException("--replay " + replayDir + ": a network replay (RIPE Atlas connection events); "
                        + "the demo plays service outages such as replays/aws-us-east-1-2021-12-07: score network replays "
                        + "with 'faultline evaluate " + replayDir + "'");
            }
            ExpectedOutcomes.read(expectedFile);
        }
    }

    /** Scores the revisions against the replay's expected.json when it has one. */
    private static int summarise(Path replayDir, List<CorrelatedIncident> revisions, PrintStream out) {
        Path expectedFile = replayDir.resolve("expected.json");
        if (!Files.isRegularFile(expectedFile)) {
            return revisions.isEmpty() ? 1 : 0;
        }
        ExpectedOutcome expected = ExpectedOutcomes.read(expectedFile);
        ReplayScore s = ReplayScorer.score(expected, revisions.stream().map(IncidentViews::toCore).toList(), null);
        out.printf("expected cause %s: %s%n", expected.cause(), !s.detected() ? "NOT DETECTED"
                : "named " + (s.namedCause() == null ? "unknown shared cause" : s.namedCause())
                + (s.causeCorrect() ? " (correct)" : " (WRONG)") + ", opened " + s.openedAt()
                + ", " + s.servicesFound() + "/" + s.servicesExpected() + " affected services found"
                + (s.leadOverAck() == null ? "" : ", " + s.leadOverAck().toMinutes()
                + " min before the provider's first acknowledgement (" + expected.providerAcknowledged() + ")"));
        return s.passed() ? 0 : 1;
    }

    private static double secondsSince(Instant t0) {
        return Duration.between(t0, Instant.now()).toMillis() / 1000.0;
    }
}
