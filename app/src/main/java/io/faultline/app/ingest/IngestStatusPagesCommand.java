package io.faultline.app.ingest;

import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.ingestion.statuspage.poll.PageList;
import io.faultline.ingestion.statuspage.poll.PollerConfig;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import io.faultline.app.DurationConverter;
import io.faultline.app.KafkaReachability;
import io.faultline.app.KafkaAvroOptions;

/**
 * {@code faultline ingest statuspages}: poll every status page in the catalog and write one
 * StatusPageObservation per change to raw.statuspage. Thin: parse and validate options, read the
 * catalog, hand over to {@link StatusPagePolling}.
 */
@Command(name = "statuspages", mixinStandardHelpOptions = true,
        description = "Poll the catalog's status pages (Statuspage v2, RSS/Atom, Google Cloud, AWS) and write each "
                + "change to raw.statuspage; unreadable bodies go to the dlq. State survives restarts (compacted "
                + "statuspage-poller-state topic).")
public final class IngestStatusPagesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--catalog", defaultValue = "catalog", description = "Catalog directory (default: ${DEFAULT-VALUE}).")
    Path catalog;

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Option(names = "--interval", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time between two polls of one page (default: ${DEFAULT-VALUE}; e.g. 30s, 5m).")
    Duration interval;

    @Option(names = "--jitter", defaultValue = "0.1",
            description = "Random share of the interval added or removed per poll, 0 to 0.5 (default: ${DEFAULT-VALUE}).")
    double jitter;

    @Option(names = "--per-host-concurrency", defaultValue = "2",
            description = "Requests in flight to one host at most (default: ${DEFAULT-VALUE}).")
    int perHostConcurrency;

    @Option(names = "--max-concurrency", defaultValue = "16",
            description = "Requests in flight overall at most (default: ${DEFAULT-VALUE}).")
    int maxConcurrency;

    @Option(names = "--max-body-bytes", defaultValue = "5242880",
            description = "Largest response body read; a larger one is cut off and dead-lettered (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--connect-timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "Connect timeout (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--request-timeout", defaultValue = "20s", converter = DurationConverter.class,
            description = "Limit for one request, headers and body (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--max-backoff", defaultValue = "30m", converter = DurationConverter.class,
            description = "Longest wait after 429 / 5xx / timeouts, Retry-After included (default: ${DEFAULT-VALUE}).")
    Duration maxBackoff;

    @Option(names = "--allow-private-addresses", defaultValue = "false",
            description = "Also fetch pages on private, loopback and link-local addresses (lab set-ups only).")
    boolean allowPrivateAddresses;

    @Option(names = "--once", defaultValue = "false", description = "Poll every page once, print a summary and exit.")
    boolean once;

    @Option(names = "--auto-register", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Register missing schemas (default: on; turn off in production).")
    boolean autoRegister;

    @picocli.CommandLine.Mixin
    io.faultline.app.metrics.MetricsOptions metrics = new io.faultline.app.metrics.MetricsOptions();

    @Override
    public Integer call() throws Exception {
        String bootstrapServers = kafka.requiredBootstrapServers();
        String registryUrl = kafka.requiredRegistryUrl();
        PollerConfig config = config();
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers: must not be empty");
        }
        Topics topics = kafka.topics();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CatalogLoad load = CatalogYaml.load(catalog, Instant.now());
        if (!load.valid()) {
            err.println("--catalog " + catalog + " is invalid:");
            load.errors().forEach(e -> err.println("  - " + e));
            err.flush();
            return 1;
        }
        PageList pages = PageList.fromCatalog(load.entries());
        out.println("polling " + pages.pages().size() + " status pages every " + interval.toSeconds() + "s"
                + (pages.skipped().isEmpty() ? "" : " (" + pages.skipped().size() + " skipped: "
                + pages.skipped().keySet().stream().sorted().toList() + ", format not supported)"));
        out.flush();
        KafkaReachability.require(bootstrapServers, registryUrl, java.util.List.of(topics.rawStatusPage.name(), topics.deadLetters.name()));
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(registryUrl, autoRegister));
        if (once) {
            // one pass and exit: nothing to scrape
            return new StatusPagePolling(config, pages.pages(), bootstrapServers, registry, topics, out, null).run(true);
        }
        try (io.faultline.app.metrics.CommandMetrics m = metrics.open(out)) {
            m.require(new io.faultline.app.metrics.KafkaReadiness(bootstrapServers));
            return new StatusPagePolling(config, pages.pages(), bootstrapServers, registry, topics, out, m).run(false);
        }
    }

    PollerConfig config() {
        return new PollerConfig(interval, jitter, perHostConcurrency, maxConcurrency, maxBodyBytes, connectTimeout,
                requestTimeout, PollerConfig.DEFAULT_MAX_REDIRECTS, maxBackoff, allowPrivateAddresses,
                PollerConfig.DEFAULT_USER_AGENT);
    }
}
