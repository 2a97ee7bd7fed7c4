package io.faultline.app;

import io.faultline.app.discover.DnsEdgeRun;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.EntityKind;
import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.dns.DnsLookup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code faultline discover edges}: propose dependency edges from DNS (CNAME/NS suffixes), the published
 * IP ranges and the ASN data;
 * {@code faultline discover cofailures}: propose them from co-failure statistics in health history.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Propose catalog edges for a human to confirm; nothing is written.",
        subcommands = {DiscoverCommand.Edges.class, CoFailuresCommand.class})
public final class DiscoverCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "edges", mixinStandardHelpOptions = true,
            description = "Resolve domains with a DNS client (CNAME chain, NS of the zone, A/AAAA) and propose the dependsOn "
                    + "edges they show: CDNs and edge platforms from CNAME suffixes and managed DNS from NS suffixes (both "
                    + "kept as dnsSuffixes in the catalog's provider entries), clouds and regions from the published IP "
                    + "ranges, hosting networks from the ASN data. Every edge is unconfirmed, with its evidence. Never "
                    + "writes the catalog. Exit 0 when every domain resolved, 3 when some failed, 1 when none resolved.")
    static final class Edges implements Callable<Integer> {

        @Option(names = "--domain", paramLabel = "D", description = "Domain to resolve (repeatable). Default: every catalog "
                + "service's domains.")
        List<String> domains = new ArrayList<>();

        @Option(names = "--catalog", defaultValue = "catalog", description = "Catalog directory (default: ${DEFAULT-VALUE}).")
        Path catalog;

        @Option(names = "--resolver", paramLabel = "HOST:PORT", description = "DNS resolver to ask (default: the system's, "
                + "from /etc/resolv.conf).")
        String resolver;

        @Option(names = "--timeout", defaultValue = "3", paramLabel = "SECONDS",
                description = "Seconds to wait for each DNS answer (default: ${DEFAULT-VALUE}).")
        double timeoutSeconds;

        @Option(names = "--max-chain", defaultValue = "" + DnsLookup.DEFAULT_MAX_CHAIN,
                description = "Longest CNAME chain followed (default: ${DEFAULT-VALUE}).")
        int maxChain;

        @Option(names = "--ipranges-dir", defaultValue = ".faultline/data/ipranges",
                description = "Where 'faultline ipranges download' put the lists (default: ${DEFAULT-VALUE}).")
        Path ipranges;

        @Option(names = "--asn-dir", defaultValue = NetworksCommand.DEFAULT_DATA_DIR,
                description = "ASN data from 'faultline networks install' (default: ${DEFAULT-VALUE}).")
        Path asnDir;

        @Option(names = "--yaml", paramLabel = "FILE", description = "Also write the proposals to FILE as a catalog YAML "
                + "fragment to review (marked proposed, confirmed: false).")
        Path yamlFile;

        @Override
        public Integer call() throws Exception {
            CatalogLoad load = CatalogCommand.read(catalog);
            load.requireValid();
            List<DnsEdgeRun.Target> targets = targets(load.entries(), domains);
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no domains to resolve: give --domain D, or add domains to the services in "
                        + catalog);
            }
            DnsLookup lookup = DnsLookup.of(resolver, DnsEdgeRun.timeout(timeoutSeconds), maxChain);
            DnsEdgeRun run = DnsEdgeRun.prepare(load, ipranges, asnDir, lookup, Instant.now());
            PrintStream out = System.out;
            String header = "faultline discover edges: " + targets.size() + " domain(s) via " + run.resolverName();
            out.println(header);
            run.dataNotes().forEach(n -> out.println("  " + n));
            List<DnsEdgeRun.DomainResult> results = run.run(targets);
            run.printTable(results, out);
            long failed = DnsEdgeRun.failures(results);
            long proposed = results.stream().mapToLong(r -> r.proposals().size()).sum();
            out.println(proposed + " proposed edge(s), unconfirmed; " + failed + " of " + results.size()
                    + " domain(s) failed; review before adding");
            if (yamlFile != null) {
                Files.writeString(yamlFile, run.yaml(results, "Generated by " + header + " at " + Instant.now() + "."));
                out.println("wrote the proposals to " + yamlFile + " for review; the catalog was not changed");
            } else {
                out.println("nothing was written; --yaml FILE writes the proposals as a catalog fragment to review");
            }
            return failed == 0 ? 0 : failed == results.size() ? 1 : 3;
        }

        /** The given domains (with their service when the catalog lists them), else every service's domains. */
        static List<DnsEdgeRun.Target> targets(List<CatalogEntry> entries, List<String> domains) {
            Map<String, CatalogEntry> serviceOf = new LinkedHashMap<>();
            for (CatalogEntry e : entries) {
                if (e.getKind() == EntityKind.SERVICE) {
                    e.getDomains().forEach(d -> serviceOf.putIfAbsent(d.toLowerCase(Locale.ROOT), e));
                }
            }
            List<DnsEdgeRun.Target> out = new ArrayList<>();
            if (domains.isEmpty()) {
                serviceOf.forEach((d, e) -> out.add(new DnsEdgeRun.Target(d, e)));
            } else {
                for (String d : new LinkedHashSet<>(domains)) {
                    String name = d.trim().toLowerCase(Locale.ROOT);
                    out.add(new DnsEdgeRun.Target(name, serviceOf.get(name)));
                }
            }
            return out;
        }
    }
}
