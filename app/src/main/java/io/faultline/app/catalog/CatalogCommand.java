package io.faultline.app.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import io.faultline.app.discover.DnsEdgeRun;
import io.faultline.ingestion.dns.DnsDiscovery;
import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.catalog.CatalogPrune;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.faultline.app.ErrorReport;
import io.faultline.app.KafkaReachability;
import io.faultline.app.discover.DiscoverCommand;
import io.faultline.app.discover.DnsOptions;
import io.faultline.app.CommandGroup;
import io.faultline.app.KafkaAvroOptions;

/**
 * {@code faultline catalog validate|load|add}: check the YAML catalog, publish it to the compacted catalog
 * topic, or onboard a service with the edges DNS discovery finds for its domains.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Validate the dependency catalog (catalog/*.yaml) or load it into the compacted catalog topic.",
        subcommands = {CatalogCommand.Validate.class, CatalogCommand.Load.class, CatalogCommand.Add.class,
                CatalogCommand.DetectStatusPage.class})
public final class CatalogCommand extends CommandGroup {

    public static CatalogLoad read(Path dir) {
        return CatalogYaml.load(dir, Instant.now());
    }

    static String summary(List<CatalogEntry> entries) {
        Map<String, Long> byKind = entries.stream()
                .collect(Collectors.groupingBy(e -> e.getKind().name(), TreeMap::new, Collectors.counting()));
        long edges = entries.stream().mapToLong(e -> e.getDependsOn().size()).sum();
        return entries.size() + " entities " + byKind + ", " + edges + " dependency edges";
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check the catalog and print what it holds; exit 5 (bad input) listing every problem if it is invalid.")
    static final class Validate implements Callable<Integer> {
        @Option(names = "--catalog-dir", description = "Catalog directory (default: ${DEFAULT-VALUE}).", defaultValue = "catalog")
        Path dir;

        @Override
        public Integer call() {
            CatalogLoad load = read(dir);
            if (!load.valid()) {
                System.err.println("catalog " + dir + " is invalid:");
                load.errors().forEach(e -> System.err.println("  - " + e));
                return ErrorReport.BAD_INPUT;
            }
            System.out.println("catalog " + dir + " is valid: " + summary(load.entries()));
            printStatusPageFormats(load.entries());
            return 0;
        }
    }

    /** Status pages per format, and a warning for each page in no supported format. */
    static void printStatusPageFormats(java.util.List<io.faultline.avro.CatalogEntry> entries) {
        java.util.Map<String, Integer> perFormat = new java.util.TreeMap<>();
        java.util.List<String> unsupported = new java.util.ArrayList<>();
        int supported = 0;
        for (io.faultline.avro.CatalogEntry e : entries) {
            if (e.getStatusPageUrl() == null || Boolean.TRUE.equals(e.getDeleted())) {
                continue;
            }
            String format = String.valueOf(e.getStatusPageFormat());
            perFormat.merge(format, 1, Integer::sum);
            if (io.faultline.ingestion.statuspage.poll.PageList.SUPPORTED.containsKey(format)) {
                supported++;
            } else {
                unsupported.add(e.getEntityId() + " (" + format + ", " + e.getStatusPageUrl() + ")");
            }
        }
        System.out.println("status pages: " + supported + " in a supported format, " + unsupported.size()
                + " in no supported format");
        perFormat.forEach((format, n) -> System.out.printf("  %-20s %5d%s%n", format, n,
                io.faultline.ingestion.statuspage.poll.PageList.SUPPORTED.containsKey(format) ? "" : "  (not polled)"));
        unsupported.forEach(u -> System.out.println("warning: status page in no supported format: " + u));
    }

    @Command(name = "detect-status-page", mixinStandardHelpOptions = true,
            description = "Try each supported format's public endpoints under a status page URL and say which one "
                    + "answers (the format to put in the catalog). Exits 4 when none does.")
    static final class DetectStatusPage implements Callable<Integer> {
        @picocli.CommandLine.Parameters(index = "0", paramLabel = "URL", description = "Status page URL, e.g. https://status.example.com")
        String url;

        @Option(names = "--show-all", description = "Also list the formats that did not answer, with the reason.")
        boolean showAll;

        @Option(names = "--allow-private-addresses", defaultValue = "false",
                description = "Also fetch pages on private, loopback and link-local addresses (lab set-ups only).")
        boolean allowPrivateAddresses;

        @Override
        public Integer call() throws Exception {
            io.faultline.ingestion.statuspage.poll.PollerConfig config =
                    io.faultline.ingestion.statuspage.poll.PollerConfig.defaults()
                            .withAllowPrivateAddresses(allowPrivateAddresses);
            io.faultline.ingestion.statuspage.poll.FormatDetector detector =
                    new io.faultline.ingestion.statuspage.poll.FormatDetector(
                            new io.faultline.ingestion.statuspage.poll.HttpFetcher(config,
                                    io.faultline.ingestion.statuspage.poll.Resolver.SYSTEM, java.time.Clock.systemUTC()));
            java.util.List<io.faultline.ingestion.statuspage.poll.FormatDetector.Attempt> attempts;
            try {
                attempts = detector.detect(url);
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw new IllegalArgumentException("URL '" + url + "' is not an absolute http(s) URL");
            }
            java.util.List<io.faultline.ingestion.statuspage.poll.FormatDetector.Attempt> answered =
                    attempts.stream().filter(io.faultline.ingestion.statuspage.poll.FormatDetector.Attempt::answered).toList();
            for (io.faultline.ingestion.statuspage.poll.FormatDetector.Attempt a : attempts) {
                if (a.answered() || showAll) {
                    System.out.printf("%-20s %-9s %s  (%s)%n", a.format(), a.answered() ? "answers" : "no", a.endpoint(),
                            a.detail());
                }
            }
            if (answered.isEmpty()) {
                throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "no supported status-page format "
                        + "answered at " + url + (refusedAsPrivate(attempts)
                        ? " (refused: a private or loopback address; --allow-private-addresses for lab set-ups)"
                        : showAll ? "" : " (--show-all lists each format's answer)"));
            }
            System.out.println("format: " + answered.get(0).format() + "   (catalog: statusPage: {url: \"" + url
                    + "\", format: " + answered.get(0).format() + "})");
            return 0;
        }
    }

    private static boolean refusedAsPrivate(
            java.util.List<io.faultline.ingestion.statuspage.poll.FormatDetector.Attempt> attempts) {
        return attempts.stream().anyMatch(a -> {
            String d = a.detail().toLowerCase(java.util.Locale.ROOT);
            return d.contains("loopback") || d.contains("private");
        });
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Validate the catalog and publish every entity, keyed by id, to the compacted catalog topic. "
                    + "Running jobs pick the changes up without a restart.")
    static final class Load implements Callable<Integer> {
        @Option(names = "--catalog-dir", description = "Catalog directory (default: ${DEFAULT-VALUE}).", defaultValue = "catalog")
        Path dir;

        @Mixin
        KafkaAvroOptions kafka = new KafkaAvroOptions();

        @Option(names = "--auto-register", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Register the CatalogEntry schema if missing (default: on; turn off in production).")
        boolean autoRegister;

        @Option(names = "--prune", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Publish tombstones for entities in the topic that the YAML no longer has (default: on; "
                        + "entries generated by 'networks catalog' are kept).")
        boolean prune;

        @Option(names = "--dry-run", description = "Only list what would be published and tombstoned; publish nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws Exception {
            String bootstrapServers = kafka.requiredBootstrapServers();
            String registryUrl = kafka.requiredRegistryUrl();
            CatalogLoad load = read(dir);
            if (!load.valid()) {
                System.err.println("catalog " + dir + " is invalid, nothing published:");
                load.errors().forEach(e -> System.err.println("  - " + e));
                return ErrorReport.BAD_INPUT;
            }
            if (bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers: must not be empty");
            }
            Topics topics = kafka.topics();
            KafkaReachability.require(bootstrapServers, registryUrl, java.util.List.of(topics.catalog.name()));
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(registryUrl, autoRegister));
            CatalogPrune.Plan plan = prune ? plan(bootstrapServers, topics, registry, load.entries()) : null;
            if (dryRun) {
                System.out.println("dry run: would publish " + load.entries().size() + " catalog entries to "
                        + topics.catalog.name() + ": " + summary(load.entries()));
                if (plan != null) {
                    report(plan, "would tombstone");
                }
                return 0;
            }
            int sent = publish(bootstrapServers, topics, registry, load.entries());
            System.out.println("published " + sent + " catalog entries to " + topics.catalog.name() + ": " + summary(load.entries()));
            if (plan != null) {
                tombstone(bootstrapServers, topics, registry, plan.tombstones());
                report(plan, "tombstoned");
            }
            return 0;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Onboard a service: resolve its domains as 'discover edges' does and append a catalog entry with "
                    + "the edges found, each 'confirmed: false' with its evidence, to a services file. The catalog is "
                    + "validated after writing and the file restored if it became invalid. Exit 3 when some domain failed "
                    + "(the entry is still written with what was found).")
    static final class Add implements Callable<Integer> {
        @Option(names = "--id", required = true, description = "New service id (lowercase slug, unique in the catalog).")
        String id;

        @Option(names = "--domain", required = true, paramLabel = "D", description = "The service's domain (repeatable).")
        List<String> domains;

        @Option(names = "--status-page", paramLabel = "URL", description = "The service's official status page.")
        String statusPage;

        @Option(names = "--status-page-format", defaultValue = "html",
                description = "statuspage-v2, rss, atom, gcp-incidents-json, aws-health or html (default: ${DEFAULT-VALUE}).")
        String statusPageFormat;

        @Option(names = "--name", description = "Human name (default: the id).")
        String name;

        @Option(names = "--category", defaultValue = "onboarded", description = "Category slug (default: ${DEFAULT-VALUE}).")
        String category;

        @Option(names = {"--catalog", "--catalog-dir"}, defaultValue = "catalog",
                description = "Catalog directory (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--file", description = "Services file to append to (default: <catalog>/services/onboarded.yaml).")
        Path file;

        @picocli.CommandLine.Mixin
        DnsOptions dns;

        @Override
        public Integer call() throws Exception {
            CatalogLoad load = read(dir);
            load.requireValid();
            if (load.entries().stream().anyMatch(e -> e.getEntityId().equals(id))) {
                throw new IllegalArgumentException("--id " + id + ": the catalog in " + dir + " already has this id; "
                        + "choose another or edit its entry");
            }
            Path target = file != null ? file : dir.resolve("services").resolve("onboarded.yaml");
            DnsEdgeRun run = DnsEdgeRun.prepare(load, dns.ipranges, dns.asnDir, dns.lookup(), Instant.now());
            // the new service is not in the catalog yet: targets without a service, lowercased, each once
            List<DnsEdgeRun.DomainResult> results = run.run(DiscoverCommand.Edges.targets(List.of(), domains));
            System.out.println("faultline catalog add " + id + ": " + results.size() + " domain(s) via " + run.resolverName());
            run.dataNotes().forEach(n -> System.out.println("  " + n));
            run.printTable(results, System.out);

            String previous = java.nio.file.Files.isRegularFile(target) ? java.nio.file.Files.readString(target) : null;
            if (previous != null && !previous.lines().anyMatch(l -> l.equals("services:"))) {
                throw new IllegalArgumentException(target + ": has no top-level 'services:' list to append to; give --file");
            }
            Map<String, DnsDiscovery.Proposal> merged = new java.util.LinkedHashMap<>();
            results.forEach(r -> r.proposals().forEach(p -> DnsDiscovery.add(merged, p)));
            List<DnsDiscovery.Proposal> edges = List.copyOf(merged.values());
            String entry = entry(run, results, edges);
            java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
            java.nio.file.Files.writeString(target, previous == null ? HEADER + entry
                    : previous + (previous.endsWith("\n") ? "" : "\n") + entry);
            CatalogLoad after = read(dir);
            if (!after.valid()) {
                if (previous == null) {
                    java.nio.file.Files.delete(target);
                } else {
                    java.nio.file.Files.writeString(target, previous);
                }
                System.err.println("the new entry would make catalog " + dir + " invalid, " + target + " restored:");
                after.errors().forEach(e -> System.err.println("  - " + e));
                return 1;
            }
            long failed = DnsEdgeRun.failures(results);
            System.out.println("wrote " + id + " to " + target + " with " + edges.size() + " unconfirmed edge(s); catalog " + dir
                    + " is valid: " + summary(after.entries()));
            System.out.println("review each edge's 'observed' record and 'source', then set 'confirmed: true' or drop it");
            return failed == 0 ? 0 : 3;
        }

        private static final String HEADER = "# Services onboarded with 'faultline catalog add'. Their dependsOn edges come from DNS\n"
                + "# discovery and stay 'confirmed: false' until a human checks each edge's 'observed' record and\n"
                + "# 'source' and sets 'confirmed: true'. Format: see catalog/README.md.\n"
                + "services:\n";

        /** One services-list item; edges merged by target across the domains (first evidence kept). */
        String entry(DnsEdgeRun run, List<DnsEdgeRun.DomainResult> results, List<DnsDiscovery.Proposal> edges) {
            StringBuilder y = new StringBuilder();
            y.append("  - id: ").append(id).append('\n');
            y.append("    name: ").append(DnsEdgeRun.quote(name == null ? id : name)).append('\n');
            y.append("    category: ").append(category).append('\n');
            if (statusPage != null) {
                y.append("    statusPage: {url: ").append(DnsEdgeRun.quote(statusPage)).append(", format: ").append(statusPageFormat)
                        .append("}\n");
            }
            y.append("    domains: [").append(String.join(", ", results.stream().map(r -> r.target().domain()).toList()))
                    .append("]\n");
            if (!edges.isEmpty()) {
                y.append("    dependsOn:\n");
                y.append(run.yamlEdges(edges, "      "));
            }
            List<String> failures = results.stream().filter(r -> r.finding().failure() != null)
                    .map(r -> r.target().domain() + ": " + r.finding().failure()).toList();
            y.append("    notes: ").append(DnsEdgeRun.quote("Added by 'faultline catalog add' " + run.observedPrefix()
                    + "edges discovered from DNS, unconfirmed."
                    + (failures.isEmpty() ? "" : " Lookups that failed: " + String.join("; ", failures)))).append('\n');
            return y.toString();
        }
    }

    /** Which keys of the topic the YAML no longer defines (see CatalogPrune for what is never pruned). */
    static CatalogPrune.Plan plan(String bootstrapServers, Topics topics, SchemaRegistry registry, List<CatalogEntry> entries) {
        Set<String> ids = entries.stream().map(CatalogEntry::getEntityId).collect(Collectors.toSet());
        return CatalogPrune.plan(CatalogTopicState.read(bootstrapServers, topics, registry), ids);
    }

    private static void report(CatalogPrune.Plan plan, String verb) {
        System.out.println(verb + " " + plan.tombstones().size() + " entities no longer in the catalog"
                + (plan.tombstones().isEmpty() ? "" : ": " + String.join(", ", plan.tombstones())));
        if (!plan.keptGenerated().isEmpty()) {
            System.out.println("kept " + plan.keptGenerated().size() + " generated network entries (category "
                    + CatalogPrune.GENERATED_CATEGORY + ")");
        }
        if (!plan.undecodable().isEmpty()) {
            System.out.println("kept " + plan.undecodable().size() + " keys whose value could not be decoded: "
                    + String.join(", ", plan.undecodable()));
        }
    }

    /** A null value per id: compaction then removes the entity, and every reader's table drops it. */
    static void tombstone(String bootstrapServers, Topics topics, SchemaRegistry registry, List<String> ids) throws Exception {
        if (ids.isEmpty()) {
            return;
        }
        try (KafkaProducer<String, CatalogEntry> producer = producer(bootstrapServers, topics, registry)) {
            for (String id : ids) {
                producer.send(new ProducerRecord<>(topics.catalog.name(), id, null)).get();
            }
        }
    }

    /** Writes every entry keyed by its id; idempotent producer, all acknowledged before returning. */
    public static int publish(String bootstrapServers, Topics topics, SchemaRegistry registry, List<CatalogEntry> entries) throws Exception {
        try (KafkaProducer<String, CatalogEntry> producer = producer(bootstrapServers, topics, registry)) {
            for (CatalogEntry e : entries) {
                producer.send(new ProducerRecord<>(topics.catalog.name(), null, e.getEventTime().toEpochMilli(), e.getEntityId(), e));
            }
            producer.flush();
        }
        return entries.size();
    }

    /** To the catalog topic, keyed by entity id: idempotent, each record acknowledged by every in-sync replica (acks=all). */
    private static KafkaProducer<String, CatalogEntry> producer(String bootstrapServers, Topics topics, SchemaRegistry registry) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return new KafkaProducer<>(p, new StringSerializer(), topics.catalog.serde(registry));
    }
}
