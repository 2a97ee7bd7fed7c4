package io.faultline.app.discover;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.dns.DnsDiscovery;
import io.faultline.ingestion.dns.DnsLookup;
import io.faultline.ingestion.ipranges.EdgeDiscovery;
import io.faultline.ingestion.ipranges.IpRangeFiles;
import io.faultline.ingestion.ipranges.PublishedRanges;
import io.faultline.ingestion.network.AsnDatabase;

/**
 * One run of DNS discovery over a list of domains, shared by 'discover edges' and 'catalog add':
 * resolve each domain, match the answer against the catalog providers' DNS suffixes, the published
 * IP ranges and the ASN data, and keep one {@link DomainResult} per domain. A domain that fails
 * (timeout, NXDOMAIN, SERVFAIL, CNAME loop, oversized chain) gets its one-line failure and the run
 * goes on. Missing IP-range or ASN data only narrows what can be matched; {@link #dataNotes} says so.
 */
public final class DnsEdgeRun {

    /** A domain to resolve, and the catalog service it belongs to (null for a bare --domain). */
    public record Target(String domain, CatalogEntry service) {
    }

    /** What the run found for one domain; proposals exclude edges the service already declares. */
    public record DomainResult(Target target, DnsDiscovery.Finding finding, List<DnsDiscovery.Proposal> proposals,
                               List<String> alreadyDeclared) {
    }

    private final DnsLookup lookup;
    private final DnsDiscovery discovery;
    private final List<String> dataNotes;
    private final Instant at;

    private DnsEdgeRun(DnsLookup lookup, DnsDiscovery discovery, List<String> dataNotes, Instant at) {
        this.lookup = lookup;
        this.discovery = discovery;
        this.dataNotes = List.copyOf(dataNotes);
        this.at = at;
    }

    /** Loads the IP ranges and ASN data when present; their absence is a note, not an error. */
    public static DnsEdgeRun prepare(CatalogLoad catalog, Path ipranges, Path asnDir, DnsLookup lookup, Instant at)
            throws IOException {
        Set<String> ids = catalog.entries().stream().map(CatalogEntry::getEntityId).collect(Collectors.toSet());
        List<String> notes = new ArrayList<>();
        EdgeDiscovery ranges = null;
        if (Files.isDirectory(ipranges) && hasFiles(ipranges)) {
            List<PublishedRanges> loaded = IpRangeFiles.load(ipranges);
            ranges = new EdgeDiscovery(loaded, null);
            notes.add("IP ranges from " + ipranges + ": " + loaded.stream()
                    .map(r -> r.provider() + " (" + r.ranges().size() + ", published " + r.published() + ")")
                    .collect(Collectors.joining(", ")));
        } else {
            notes.add("no IP-range files in " + ipranges + ": cloud/region matching skipped (run 'faultline ipranges download' "
                    + "or give --ipranges-dir)");
        }
        AsnDatabase asn = null;
        if (Files.isDirectory(asnDir)) {
            try {
                asn = AsnDatabase.load(asnDir);
                notes.add("ASN data from " + asnDir + ": " + asn.ranges() + " ranges");
            } catch (IOException e) {
                notes.add("ASN data not usable (" + e.getMessage() + "): hosting networks skipped");
            }
        } else {
            notes.add("no ASN data in " + asnDir + ": hosting networks skipped (run 'faultline networks install' or give --asn-dir)");
        }
        return new DnsEdgeRun(lookup, new DnsDiscovery(catalog.dnsSuffixes().values(), ranges, asn, ids), notes, at);
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    public List<String> dataNotes() {
        return dataNotes;
    }

    public String resolverName() {
        return lookup.resolverName();
    }

    public List<DomainResult> run(List<Target> targets) {
        List<DomainResult> out = new ArrayList<>();
        for (Target t : targets) {
            DnsDiscovery.Finding finding = discovery.assess(lookup.resolve(t.domain()));
            Set<String> declared = t.service() == null ? Set.of() : t.service().getDependsOn().stream()
                    .map(Dependency::getTarget).collect(Collectors.toSet());
            List<DnsDiscovery.Proposal> proposals = new ArrayList<>();
            List<String> already = new ArrayList<>();
            for (DnsDiscovery.Proposal p : finding.proposals()) {
                if (declared.contains(p.target())) {
                    already.add(p.target());
                } else {
                    proposals.add(p);
                }
            }
            out.add(new DomainResult(t, finding, proposals, already));
        }
        return out;
    }

    /** The table: one line per proposal, per hosting network, and per failed domain. */
    public void printTable(List<DomainResult> results, PrintStream out) {
        String row = "%-28s %-22s %-8s %-12s %s%n";
        out.printf(Locale.ROOT, row, "DOMAIN", "PROPOSED", "KIND", "EVIDENCE", "BECAUSE");
        for (DomainResult r : results) {
            String domain = r.target().domain();
            for (DnsDiscovery.Proposal p : r.proposals()) {
                out.printf(Locale.ROOT, row, domain, p.target(), p.kind(), p.evidence(), p.observed());
            }
            for (String declared : r.alreadyDeclared()) {
                out.printf(Locale.ROOT, row, domain, declared, "-", "declared", "already in the catalog");
            }
            for (DnsDiscovery.Network n : r.finding().networks()) {
                out.printf(Locale.ROOT, row, domain, n.catalogId() == null ? "(network)" : n.catalogId(), "network", "asn-data",
                        n.address() + " in AS" + n.asn().asn() + " " + n.asn().organisation()
                                + (n.asn().country() == null ? "" : " (" + n.asn().country() + ")")
                                + (n.catalogId() == null ? "; not a catalog entity (faultline networks catalog adds it)" : ""));
            }
            if (r.finding().failure() != null) {
                out.println(domain + ": FAILED: " + r.finding().failure());
            } else if (r.proposals().isEmpty() && r.alreadyDeclared().isEmpty() && r.finding().networks().isEmpty()) {
                out.println(domain + ": resolved (" + describe(r.finding().answer()) + ") but matched no provider");
            }
        }
    }

    private static String describe(DnsLookup.Answer a) {
        return a.addresses().stream().map(DnsDiscovery::text).collect(Collectors.joining(", "))
                + (a.zone() == null ? "" : "; zone " + a.zone() + " NS " + String.join(", ", a.nameservers()));
    }

    /** Number of domains whose lookup failed. */
    public static long failures(List<DomainResult> results) {
        return results.stream().filter(r -> r.finding().failure() != null).count();
    }

    /** Where and when the records were seen, for an edge's {@code observed} line. */
    public String observedPrefix() {
        return at.truncatedTo(ChronoUnit.SECONDS) + " via " + lookup.resolverName() + ": ";
    }

    /** Proposals as an edge list for YAML, 4 + indent spaces deep, unconfirmed, with what was observed. */
    public String yamlEdges(List<DnsDiscovery.Proposal> proposals, String indent) {
        StringBuilder y = new StringBuilder();
        for (DnsDiscovery.Proposal p : proposals) {
            y.append(indent).append("- target: ").append(p.target()).append('\n');
            y.append(indent).append("  kind: ").append(p.kind()).append('\n');
            y.append(indent).append("  evidence: ").append(p.evidence()).append('\n');
            y.append(indent).append("  source: ").append(quote(p.source())).append('\n');
            y.append(indent).append("  confirmed: false\n");
            y.append(indent).append("  observed: ").append(quote(observedPrefix() + p.observed())).append('\n');
        }
        return y.toString();
    }

    /** The proposals as a catalog fragment to review, marked PROPOSED like 'discover cofailures --yaml'. */
    public String yaml(List<DomainResult> results, String generatedBy) {
        StringBuilder y = CoFailureReport.proposalsYaml(generatedBy,
                "Each edge rests on the DNS record or published IP range in 'observed'; 'source' is the provider's",
                "documentation of that suffix or range. Check each before copying it under the service's dependsOn,",
                "then set 'confirmed: true' (or drop the line).");
        boolean any = false;
        for (DomainResult r : results) {
            if (r.proposals().isEmpty()) {
                continue;
            }
            any = true;
            y.append("  - domain: ").append(r.target().domain()).append('\n');
            if (r.target().service() != null) {
                y.append("    service: ").append(r.target().service().getEntityId()).append('\n');
            }
            y.append("    dependsOn:\n");
            y.append(yamlEdges(r.proposals(), "      "));
        }
        if (!any) {
            y.append("  []\n");
        }
        y.append("failedDomains:\n");
        List<DomainResult> failed = results.stream().filter(r -> r.finding().failure() != null).toList();
        if (failed.isEmpty()) {
            y.append("  []\n");
        }
        for (DomainResult r : failed) {
            y.append("  - domain: ").append(r.target().domain()).append('\n');
            y.append("    failure: ").append(quote(r.finding().failure())).append('\n');
        }
        return y.toString();
    }

    /** A YAML double-quoted scalar. */
    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Timeout option parsing shared by the commands. */
    public static Duration timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("--timeout " + timeout.toMillis() + "ms: accepted values are more than 0s, up to 2m");
        }
        return timeout;
    }

    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);
}
