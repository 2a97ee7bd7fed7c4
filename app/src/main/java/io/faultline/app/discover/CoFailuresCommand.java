package io.faultline.app.discover;

import io.faultline.app.discover.CoFailureReport;
import io.faultline.app.discover.HealthHistory;
import io.faultline.app.discover.HistoryIncidents;
import io.faultline.app.discover.TopicHealthHistory;
import io.faultline.avro.CatalogEntry;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.discovery.CoFailureMiner;
import io.faultline.core.discovery.IncidentEdges;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.ingestion.evaluation.HeldOutCatalog;
import io.faultline.schemas.mapping.CatalogEntities;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import io.faultline.app.DurationConverter;
import io.faultline.app.catalog.CatalogCommand;
import io.faultline.app.KafkaAvroOptions;

/**
 * {@code faultline discover cofailures}: health history (replays run through the streams logic, or
 * a bounded read of the service-health and signals topics) → {@link CoFailureMiner} → proposals
 * printed, and optionally written as a YAML fragment for review. Never writes the catalog.
 */
@Command(name = "cofailures", mixinStandardHelpOptions = true,
        description = {"Propose catalog edges from co-failure statistics: services whose failures start together with a "
                + "component's status-page trouble (a proposed dependsOn edge), and services that fail together with no "
                + "shared component in the catalog. Pairs already explained by the catalog are not proposed. Also lists the "
                + "edges confirmed incidents imply: members the catalog does not link to the incident's cause (e.g. a "
                + "cause named from its own status page).",
                "History comes from replays (run through the streams logic, as 'evaluate' does) or, with "
                        + "--bootstrap-servers and --registry-url, from the service-health and signals topics up to their current end. "
                        + "Nothing is written to the catalog."})
final class CoFailuresCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Replay folders or archives, or a folder of replay "
            + "folders (default: replays, unless --bootstrap-servers is given).")
    List<Path> paths = List.of();

    @Option(names = "--catalog", defaultValue = "catalog", description = "Catalog directory (default: ${DEFAULT-VALUE}).")
    Path catalogDir;

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Option(names = "--from", description = "Topics only: start at the first record at or after this time (ISO-8601; "
            + "default: the beginning).")
    Instant from;

    @Option(names = "--read-timeout", defaultValue = "2m", converter = DurationConverter.class,
            description = "Topics only: longest time to read them to their end (default: ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Option(names = "--window", defaultValue = "10m", converter = DurationConverter.class,
            description = "Two failures starting this close are a co-failure (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--min-support", defaultValue = "3", description = "Minimum co-failures of a pair, at least 2 "
            + "(default: ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = "--min-jaccard", defaultValue = "0.5", description = "Minimum share of the pair's failures that are "
            + "together, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double minJaccard;

    @Option(names = "--min-lift", defaultValue = "10", description = "Minimum lift over independence, at least 1 "
            + "(default: ${DEFAULT-VALUE}).")
    double minLift;

    @Option(names = "--held-out", description = "Replays only: leave out the catalog edges whose source is one of the "
            + "replays' own sources (as 'evaluate' does for its held-out view), to see what the statistics find "
            + "without them.")
    boolean heldOut;

    @Mixin
    ProposalsYamlOption yaml = new ProposalsYamlOption();

    @Override
    public Integer call() throws Exception {
        CoFailureMiner.Settings settings = settings();
        String bootstrapServers = kafka.bootstrapServers();
        String registryUrl = kafka.registryUrl();
        if (bootstrapServers != null && !paths.isEmpty()) {
            throw new IllegalArgumentException("give replay PATHs or --bootstrap-servers, not both");
        }
        if (bootstrapServers != null && registryUrl == null) {
            throw new IllegalArgumentException("--registry-url: required with --bootstrap-servers");
        }
        if (heldOut && bootstrapServers != null) {
            throw new IllegalArgumentException("--held-out: only with replays, not with --bootstrap-servers");
        }
        List<Path> replays = paths.isEmpty() ? List.of(Path.of("replays")) : paths;
        List<CatalogEntry> catalog = CatalogCommand.read(catalogDir).requireValid();
        int droppedEdges = 0;
        if (heldOut) {
            Set<String> sources = new HashSet<>();
            for (Path replay : HealthHistory.replayPaths(replays)) {
                if (Files.isRegularFile(replay.resolve("timeline.yaml"))) {
                    sources.addAll(HeldOutCatalog.sourceUrls(replay.resolve("timeline.yaml")));
                }
            }
            HeldOutCatalog.HeldOut h = HeldOutCatalog.without(catalog, sources);
            catalog = h.entries();
            droppedEdges = h.droppedEdges();
        }
        DependencyGraph graph = CatalogEntities.graph(catalog);
        HealthHistory history = bootstrapServers != null
                ? TopicHealthHistory.read(bootstrapServers, kafka.topics(),
                        new SchemaRegistry(RegistryConfig.of(registryUrl, false)), graph, from, readTimeout)
                : HealthHistory.fromReplays(replays, catalog, graph);
        PrintStream out = System.out;
        String header = String.format("faultline discover cofailures: %d health changes and %d component status-page "
                        + "signals from %d source(s); window %s, min support %d, min Jaccard %.2f, min lift %.1f",
                history.healthChanges(), history.signals(), history.sources().size(), window, minSupport, minJaccard, minLift);
        out.println(header);
        history.sources().forEach(s -> out.println("  " + s));
        if (heldOut) {
            out.println("  held out: " + droppedEdges + " catalog edge(s) whose source is one of these replays' sources");
        }
        CoFailureReport report = CoFailureReport.of(new CoFailureMiner(graph, settings), history, graph, catalog)
                .withIncidentEdges(IncidentEdges.from(graph,
                        HistoryIncidents.of(history, graph, CorrelationJobConfig.defaults().engine())));
        report.printTables(out);
        yaml.write(() -> report.yaml("Generated by " + header + "."), out);
        return 0;
    }

    /** The miner's settings, failing with the option's name when one is out of range. */
    private CoFailureMiner.Settings settings() {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("--window " + window + ": must be a positive duration");
        }
        if (minSupport < 2) {
            throw new IllegalArgumentException("--min-support " + minSupport + ": must be at least 2 (once is a coincidence)");
        }
        if (!(minJaccard > 0 && minJaccard <= 1)) {
            throw new IllegalArgumentException("--min-jaccard " + minJaccard + ": must be in (0, 1]");
        }
        if (!(minLift >= 1)) {
            throw new IllegalArgumentException("--min-lift " + minLift + ": must be at least 1");
        }
        return new CoFailureMiner.Settings(window, minSupport, minJaccard, minLift);
    }
}
