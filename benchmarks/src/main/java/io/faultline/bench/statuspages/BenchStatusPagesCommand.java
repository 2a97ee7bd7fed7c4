package io.faultline.bench.statuspages;

import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.statuspage.poll.ExecutorPollScheduler;
import io.faultline.ingestion.statuspage.poll.HttpFetcher;
import io.faultline.ingestion.statuspage.poll.PageList;
import io.faultline.ingestion.statuspage.poll.PagePoller;
import io.faultline.ingestion.statuspage.poll.PolledPage;
import io.faultline.ingestion.statuspage.poll.PollerConfig;
import io.faultline.ingestion.statuspage.poll.PollerRunner;
import io.faultline.ingestion.statuspage.poll.PollerSink;
import io.faultline.ingestion.statuspage.poll.Resolver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.faultline.app.DurationConverter;

/**
 * {@code faultline bench statuspages}: one poller instance, the production fetcher, parsers and
 * change detector, against N recorded pages served from loopback with ETags; a share of the pages
 * changes every interval. Prints CPU, heap, requests/s, the share of 304s and pages kept fresh.
 */
@Command(name = "statuspages", mixinStandardHelpOptions = true,
        description = {"Polls N recorded status pages (served from loopback with ETags; a share of them changes each "
                + "interval) at the default interval on one instance, and prints CPU (cores used), heap, requests/s, "
                + "the share of 304s and how many pages per minute the instance keeps fresh."})
public final class BenchStatusPagesCommand implements Callable<Integer> {

    @Option(names = "--pages", defaultValue = "1000", description = "Pages to serve and poll (default: ${DEFAULT-VALUE}).")
    int pages;

    @Option(names = "--duration", defaultValue = "3m", converter = DurationConverter.class,
            description = "How long to measure after the first full round (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--change-share", defaultValue = "0.02",
            description = "Share of pages whose content changes each interval (default: ${DEFAULT-VALUE}).")
    double changeShare;

    @Option(names = "--samples", defaultValue = "ingestion/src/test/resources/statuspage",
            description = "Folder of recorded samples (the project's fixtures; default: ${DEFAULT-VALUE}).")
    Path samples;

    @Override
    public Integer call() throws Exception {
        List<Kind> kinds = kinds();
        List<List<RecordedPagesServer.Sample>> served = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            served.add(kinds.get(i % kinds.size()).samples());
        }
        PollerConfig config = PollerConfig.defaults().withAllowPrivateAddresses(true);
        LongAdder observations = new LongAdder();
        LongAdder polls = new LongAdder();
        LongAdder errors = new LongAdder();
        Map<String, Long> lastPoll = new ConcurrentHashMap<>();
        PollerSink sink = (pageId, obs, dead, state) -> observations.add(obs.size());
        try (RecordedPagesServer server = new RecordedPagesServer(served);
             ExecutorPollScheduler scheduler = new ExecutorPollScheduler(config.maxConcurrency())) {
            List<PolledPage> list = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                list.add(PageList.page("page-" + i, server.baseUrl(i) + kinds.get(i % kinds.size()).urlSuffix(),
                        kinds.get(i % kinds.size()).format()));
            }
            HttpFetcher fetcher = new HttpFetcher(config, Resolver.SYSTEM, Clock.systemUTC());
            PagePoller poller = new PagePoller(config, fetcher, sink, Clock.systemUTC(), Map.of());
            PollerRunner runner = new PollerRunner(list, poller, config, scheduler, Math::random, r -> {
                polls.increment();
                if (!r.errors().isEmpty()) {
                    errors.increment();
                }
                lastPoll.put(r.pageId(), System.nanoTime());
            });
            System.out.println("serving " + pages + " recorded pages (" + kinds.size() + " kinds: "
                    + kinds.stream().map(Kind::name).toList() + ") on loopback; polling every "
                    + config.interval().toSeconds() + "s, jitter " + config.jitter() + ", " + config.perHostConcurrency()
                    + " per host, " + config.maxConcurrency() + " at most; " + (int) (changeShare * 100)
                    + "% of pages change per interval");
            runner.start();
            Thread.sleep(config.interval().toMillis() + 5_000); // first full round (every page downloaded once)
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            long req0 = server.requests();
            long nm0 = server.notModified();
            long polls0 = polls.sum();
            long peakHeap = 0;
            Random random = new Random(17);
            long nextChange = wall0;
            long end = wall0 + duration.toNanos();
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextChange) {
                    for (int i = 0; i < pages; i++) {
                        if (random.nextDouble() < changeShare) {
                            server.change(i);
                        }
                    }
                    nextChange += config.interval().toNanos();
                }
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                Thread.sleep(500);
            }
            double seconds = (System.nanoTime() - wall0) / 1e9;
            double cores = (os.getProcessCpuTime() - cpu0) / 1e9 / seconds;
            long requests = server.requests() - req0;
            long notModified = server.notModified() - nm0;
            long pollCount = polls.sum() - polls0;
            long now = System.nanoTime();
            long staleLimit = (long) (config.interval().toNanos() * (1 + config.jitter())) + 5_000_000_000L;
            long fresh = lastPoll.values().stream().filter(t -> now - t <= staleLimit).count();
            System.gc();
            long heapAfterGc = memory.getHeapMemoryUsage().getUsed();
            System.out.printf("measured %.0f s after the first round%n", seconds);
            System.out.printf("requests/s            %.1f%n", requests / seconds);
            System.out.printf("304 share             %.0f%%%n", requests == 0 ? 0 : 100.0 * notModified / requests);
            System.out.printf("pages polled/min      %.0f (of %d pages; %d fresh within one interval + jitter at the end)%n",
                    pollCount / seconds * 60, pages, fresh);
            System.out.printf("CPU                   %.3f cores (whole JVM, server included)%n", cores);
            System.out.printf("heap                  peak %d MB, %d MB after GC%n", peakHeap >> 20, heapAfterGc >> 20);
            System.out.printf("observations          %d; polls with errors %d%n", observations.sum(), errors.sum());
            System.out.printf("one instance keeps ~%.0f pages/min fresh at this interval; CPU-bound ceiling ~%.0f pages/min "
                    + "(%d cores)%n", pollCount / seconds * 60,
                    cores <= 0 ? 0 : pollCount / seconds * 60 / cores * Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
        }
        return 0;
    }

    /** One recorded kind of page: its format, the endpoints it serves and the URL the catalog would give. */
    private record Kind(String name, StatusPageFormat format, String urlSuffix, List<RecordedPagesServer.Sample> samples) {
    }

    private List<Kind> kinds() throws java.io.IOException {
        if (!Files.isDirectory(samples)) {
            throw new IllegalArgumentException("--samples " + samples + " is not a folder (run from the project root)");
        }
        return List.of(
                new Kind("statuspage-v2", StatusPageFormat.STATUSPAGE_V2, "", List.of(
                        sample("/api/v2/summary.json", "summary_with_groups.json"),
                        sample("/api/v2/incidents.json", "incidents_several_updates.json"))),
                new Kind("atom", StatusPageFormat.ATOM, "/history.atom",
                        List.of(sample("/history.atom", "statuspage_history.atom"))),
                new Kind("rss", StatusPageFormat.RSS, "/feed.rss", List.of(sample("/feed.rss", "health_status.rss"))),
                new Kind("instatus", StatusPageFormat.INSTATUS, "",
                        List.of(sample("/summary.json", "instatus/summary_hasissues.json"))),
                new Kind("slack-status", StatusPageFormat.SLACK_STATUS, "", List.of(
                        sample("/api/v2.0.0/current", "slack-status/current_ok.json"),
                        sample("/api/v2.0.0/history", "slack-status/history_2026-08-18.json"))));
    }

    private RecordedPagesServer.Sample sample(String path, String file) throws java.io.IOException {
        return new RecordedPagesServer.Sample(path, Files.readAllBytes(samples.resolve(file)));
    }
}
