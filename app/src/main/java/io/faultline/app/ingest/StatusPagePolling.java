package io.faultline.app.ingest;

import io.faultline.avro.StatusPagePollerState;
import io.faultline.ingestion.statuspage.poll.ExecutorPollScheduler;
import io.faultline.ingestion.statuspage.poll.HttpFetcher;
import io.faultline.ingestion.statuspage.poll.KafkaPollerSink;
import io.faultline.ingestion.statuspage.poll.KafkaStateRestore;
import io.faultline.ingestion.statuspage.poll.PagePoller;
import io.faultline.ingestion.statuspage.poll.PollResult;
import io.faultline.ingestion.statuspage.poll.PolledPage;
import io.faultline.ingestion.statuspage.poll.PollerConfig;
import io.faultline.ingestion.statuspage.poll.PollerRunner;
import io.faultline.ingestion.statuspage.poll.Resolver;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import io.faultline.app.ErrorReport;

/**
 * Wires the status-page poller to a cluster: make sure the compacted state topic exists, restore
 * the state, then poll once or until the process is stopped (SIGTERM / Ctrl-C flush and close).
 */
final class StatusPagePolling {

    static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final PollerConfig config;
    private final List<PolledPage> pages;
    private final String bootstrapServers;
    private final SchemaRegistry registry;
    private final Topics topics;
    private final PrintWriter out;
    private final StatusPageMeters meters;
    private final io.faultline.app.metrics.CommandMetrics metrics;

    StatusPagePolling(PollerConfig config, List<PolledPage> pages, String bootstrapServers, SchemaRegistry registry,
                      Topics topics, PrintWriter out) {
        this(config, pages, bootstrapServers, registry, topics, out, null);
    }

    /** {@code metrics}: where the polls are counted and readiness is declared, null for none (--once). */
    StatusPagePolling(PollerConfig config, List<PolledPage> pages, String bootstrapServers, SchemaRegistry registry,
                      Topics topics, PrintWriter out, io.faultline.app.metrics.CommandMetrics metrics) {
        this.metrics = metrics;
        this.meters = metrics == null ? null : new StatusPageMeters(metrics.registry(), topics);
        this.config = config;
        this.pages = pages;
        this.bootstrapServers = bootstrapServers;
        this.registry = registry;
        this.topics = topics;
        this.out = out;
    }

    int run(boolean once) throws Exception {
        ensureStateTopic();
        Map<String, StatusPagePollerState> restored =
                KafkaStateRestore.restore(bootstrapServers, topics, registry, RESTORE_TIMEOUT);
        out.println("restored state of " + restored.size() + " page(s) from " + topics.statusPagePollerState.name());
        out.flush();
        Clock clock = Clock.systemUTC();
        KafkaPollerSink sink = new KafkaPollerSink(bootstrapServers, topics, registry);
        ExecutorPollScheduler scheduler = new ExecutorPollScheduler(config.maxConcurrency());
        PagePoller poller = new PagePoller(config, new HttpFetcher(config, Resolver.SYSTEM, clock), sink, clock, restored);
        PollerRunner runner = new PollerRunner(pages, poller, config, scheduler, Math::random, this::report);
        if (once) {
            long failed;
            int polled;
            try (sink; scheduler) {
                List<PollResult> results = runner.runOnce().get();
                int changes = results.stream().mapToInt(PollResult::observations).sum();
                int dead = results.stream().mapToInt(PollResult::deadLetters).sum();
                failed = results.stream().filter(r -> !r.errors().isEmpty()).count();
                polled = results.size();
                out.println("polled " + results.size() + " page(s): " + changes + " change(s) to "
                        + topics.rawStatusPage.name() + ", " + dead + " dead letter(s), " + failed + " page(s) with errors");
                out.flush();
            }
            // every page failing is a failure; some failing is a partial run (docs/errors.md)
            if (polled > 0 && failed == polled) {
                throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "every one of the " + polled
                        + " page(s) failed (see the lines above): check the network, the page URLs and --allow-private-addresses");
            }
            return failed > 0 ? ErrorReport.PARTIAL : 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            scheduler.close();
            sink.close();
            stopped.countDown();
        }, "statuspage-poller-shutdown"));
        runner.start();
        if (metrics != null) {
            metrics.started();
        }
        stopped.await();
        return 0;
    }

    private synchronized void report(PollResult r) {
        if (meters != null) {
            meters.record(r);
        }
        if (r.observations() > 0 || r.deadLetters() > 0 || !r.errors().isEmpty()) {
            out.println(r.pageId() + ": " + r.observations() + " change(s), " + r.deadLetters() + " dead letter(s)"
                    + (r.errors().isEmpty() ? "" : "; " + String.join("; ", r.errors()))
                    + (r.backingOff() ? " (backing off " + r.nextPollIn() + ")" : ""));
            out.flush();
        }
    }

    /** The state topic must be compacted, or old states pile up and a restart reads them all. */
    private void ensureStateTopic() throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            String name = topics.statusPagePollerState.name();
            if (admin.listTopics().names().get().contains(name)) {
                return;
            }
            try {
                admin.createTopics(List.of(new NewTopic(name, java.util.Optional.empty(), java.util.Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }
}
