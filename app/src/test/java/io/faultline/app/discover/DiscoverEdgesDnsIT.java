package io.faultline.app.discover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.faultline.app.catalog.CatalogCommand;

/**
 * {@code faultline discover edges} against a real DNS server: BIND 9 on loopback serving a zone of
 * our own (test names only, including test-only names under provider suffixes such as edgekey.net;
 * nothing here describes a real service). The catalog is the repository's, so the suffixes come
 * from the real providers.yaml; the IP ranges and ASN rows are committed subsets of the real
 * published data (src/test/resources/dns-it/README.md). Checks every proposal and every error
 * line through the command's output, and its exit code.
 */
class DiscoverEdgesDnsIT {

    static final Path HOME = Path.of(System.getProperty("faultline.home", ".."));

    @TempDir
    static Path dir;

    static BindServer bind;
    /** A UDP socket that never answers: the server forwarded to it times out. */
    static DatagramSocket silent;

    /** Test-only zone data served on loopback. Addresses are inside (or, for 5.9.x, outside) the committed ranges. */
    static Map<String, String> zones() {
        Map<String, String> z = new LinkedHashMap<>();
        z.put("shop.test", zone("shop.test", List.of("ns-1.awsdns-01.com.", "ns-2.awsdns-02.net."), """
                www     CNAME www.shop.test.edgekey.net.
                static  CNAME d111abc.cloudfront.net.
                api     A     15.181.232.10
                api     AAAA  2600:f0f0:2::10
                cdn     A     151.101.1.10
                loop1   CNAME loop2
                loop2   CNAME loop1
                long    CNAME c1
                c1      CNAME c2
                c2      CNAME c3
                c3      CNAME c4
                c4      CNAME c5
                c5      CNAME c6
                c6      CNAME c7
                c7      CNAME c8
                c8      CNAME c9
                c9      CNAME c10
                c10     A     192.0.2.10
                svc1    CNAME svc1.shop.test.edgekey.net.
                svc2    CNAME svc2.shop.test.edgekey.net.
                svc3    CNAME svc3.shop.test.edgekey.net.
                svc4    CNAME svc4.shop.test.edgekey.net.
                svc5    CNAME svc5.shop.test.edgekey.net.
                """));
        z.put("portal.test", zone("portal.test", List.of("ns1-01.azure-dns.com.", "ns2-01.azure-dns.net."), """
                www     CNAME portal-test.azurefd.net.
                app     A     4.156.0.10
                """));
        z.put("edgekey.net", zone("edgekey.net", List.of("ns1.edgekey.net."), """
                ns1              A  127.0.0.1
                www.shop.test    A  5.9.0.10
                svc1.shop.test   A  5.9.0.21
                svc2.shop.test   A  5.9.0.22
                svc3.shop.test   A  5.9.0.23
                svc4.shop.test   A  5.9.0.24
                svc5.shop.test   A  5.9.0.25
                """));
        z.put("cloudfront.net", zone("cloudfront.net", List.of("ns1.cloudfront.net."), """
                ns1      A  127.0.0.1
                d111abc  A  120.52.22.100
                """));
        z.put("azurefd.net", zone("azurefd.net", List.of("ns1.azurefd.net."), """
                ns1          A  127.0.0.1
                portal-test  A  13.105.221.10
                """));
        return z;
    }

    static String zone(String name, List<String> nameservers, String records) {
        StringBuilder s = new StringBuilder("$TTL 60\n$ORIGIN " + name + ".\n");
        s.append("@ IN SOA ").append(nameservers.get(0)).append(" hostmaster.").append(name).append(". 1 60 60 600 60\n");
        nameservers.forEach(ns -> s.append("@ IN NS ").append(ns).append('\n'));
        records.lines().forEach(l -> s.append(l.replaceFirst("^(\\S+)\\s+", "$1 IN ")).append('\n'));
        return s.toString();
    }

    @BeforeAll
    static void startServer() throws Exception {
        Optional<Path> named = BindServer.binary();
        if (named.isEmpty()) {
            System.out.println("DiscoverEdgesDnsIT skipped: BIND's named is not installed (apt-get install bind9; .ci/run does)");
        }
        assumeTrue(named.isPresent(), "BIND's named is not installed (apt-get install bind9)");
        silent = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Map<String, String> forwards = new LinkedHashMap<>();
        forwards.put("broken.test", "127.0.0.1 port " + BindServer.freePort()); // nothing listens: SERVFAIL
        forwards.put("slow.test", "127.0.0.1 port " + silent.getLocalPort());   // never answers: timeout
        bind = BindServer.start(named.get(), dir, zones(), forwards);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (bind != null) {
            bind.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(DiscoverEdgesDnsIT.class.getResource("/dns-it/" + name).toURI());
    }

    record Run(int code, String out) {
    }

    static Run discover(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("edges", "--catalog", HOME.resolve("catalog").toString(),
                "--resolver", bind.address(), "--timeout", "2s",
                "--ipranges-dir", resource("ipranges").toString(), "--asn-dir", resource("asn").toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new DiscoverCommand()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        return new Run(code, out);
    }

    /** The table line for (domain, target), whitespace-normalised. */
    static String row(String out, String domain, String target) {
        return out.lines().map(l -> l.trim().replaceAll("\\s+", " "))
                .filter(l -> l.startsWith(domain + " " + target + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + domain + " -> " + target + " in:\n" + out));
    }

    @Test
    void proposes_cdn_dns_provider_cloud_region_and_network_with_their_evidence_and_names_each_broken_domain(
            @TempDir Path tmp) throws Exception {
        Path yaml = tmp.resolve("proposed.yaml");
        Run run = discover("--yaml", yaml.toString(),
                "--domain", "www.shop.test", "--domain", "static.shop.test", "--domain", "api.shop.test",
                "--domain", "cdn.shop.test", "--domain", "www.portal.test", "--domain", "app.portal.test",
                "--domain", "loop1.shop.test", "--domain", "long.shop.test", "--domain", "nx.shop.test",
                "--domain", "www.broken.test", "--domain", "www.slow.test");
        String out = run.out();

        // CNAME into Akamai's edge hostname suffix; the zone's NS at Route 53; the edge address in no
        // published range, so its hosting network comes from the ASN data
        assertThat(row(out, "www.shop.test", "akamai")).isEqualTo("www.shop.test akamai cdn dns-records "
                + "www.shop.test CNAME www.shop.test.edgekey.net (suffix edgekey.net)");
        assertThat(row(out, "www.shop.test", "route53")).isEqualTo("www.shop.test route53 dns dns-records "
                + "shop.test NS ns-1.awsdns-01.com (suffix awsdns-*.com); shop.test NS ns-2.awsdns-02.net (suffix awsdns-*.net)");
        assertThat(row(out, "www.shop.test", "(network)")).startsWith("www.shop.test (network) network asn-data "
                + "5.9.0.10 in AS24940 Hetzner Online GmbH (DE)");
        // CloudFront twice: the CNAME suffix and the CLOUDFRONT block the address is in
        assertThat(row(out, "static.shop.test", "cloudfront")).isEqualTo("static.shop.test cloudfront cdn dns-records "
                + "static.shop.test CNAME d111abc.cloudfront.net (suffix cloudfront.net); "
                + "120.52.22.100 in aws 120.52.22.96/27 CLOUDFRONT");
        // A and AAAA in EC2 us-east-1 blocks: the region, not just the provider
        assertThat(row(out, "api.shop.test", "aws/us-east-1")).isEqualTo("api.shop.test aws/us-east-1 hosting ip-ranges "
                + "15.181.232.10 in aws 15.181.232.0/21 EC2 us-east-1; 2600:f0f0:2::10 in aws 2600:f0f0:2::/48 EC2 us-east-1");
        assertThat(row(out, "cdn.shop.test", "fastly")).isEqualTo("cdn.shop.test fastly cdn ip-ranges "
                + "151.101.1.10 in fastly 151.101.0.0/16 CDN");
        assertThat(row(out, "www.portal.test", "azure-front-door")).isEqualTo("www.portal.test azure-front-door cdn dns-records "
                + "www.portal.test CNAME portal-test.azurefd.net (suffix azurefd.net); "
                + "13.105.221.10 in azure 13.105.221.0/24 AzureFrontDoor.Frontend");
        assertThat(row(out, "www.portal.test", "azure-dns")).isEqualTo("www.portal.test azure-dns dns dns-records "
                + "portal.test NS ns1-01.azure-dns.com (suffix azure-dns.com); portal.test NS ns2-01.azure-dns.net (suffix azure-dns.net)");
        assertThat(row(out, "app.portal.test", "azure/eastus")).isEqualTo("app.portal.test azure/eastus hosting ip-ranges "
                + "4.156.0.10 in azure 4.156.0.0/15 AzureCloud.eastus eastus");
        for (String d : List.of("static.shop.test", "api.shop.test", "cdn.shop.test")) {
            assertThat(row(out, d, "route53")).contains(" dns dns-records shop.test NS ns-1.awsdns-01.com");
        }
        assertThat(row(out, "app.portal.test", "azure-dns")).contains(" dns dns-records portal.test NS ns1-01.azure-dns.com");

        // one line per broken domain, and the run went on past each
        assertThat(out).contains("loop1.shop.test: FAILED: CNAME loop: loop1.shop.test -> loop2.shop.test -> loop1.shop.test\n");
        assertThat(out).contains("long.shop.test: FAILED: CNAME chain longer than 8 (long.shop.test -> c1.shop.test -> "
                + "c2.shop.test -> c3.shop.test -> ...)\n");
        assertThat(out).contains("nx.shop.test: FAILED: NXDOMAIN for nx.shop.test A from " + bind.address());
        assertThat(out).contains("www.broken.test: FAILED: SERVFAIL for www.broken.test A from " + bind.address());
        assertThat(out).contains("www.slow.test: FAILED: timeout asking " + bind.address() + " for www.slow.test A");
        assertThat(out.lines().filter(l -> l.contains(": FAILED: ")).count()).isEqualTo(5);
        assertThat(out).contains("5 of 11 domain(s) failed").doesNotContain("Exception");
        assertThat(run.code()).as("exit code says partial failure").isEqualTo(3);

        String fragment = Files.readString(yaml);
        assertThat(fragment).startsWith("# PROPOSED, NOT APPLIED.").contains("proposedEdges:\n  - domain: www.shop.test\n")
                .contains("      - target: akamai\n        kind: cdn\n        evidence: dns-records\n"
                        + "        source: \"https://techdocs.akamai.com/terraform/docs/pm-rc-edge-hostname\"\n"
                        + "        confirmed: false\n")
                .contains("failedDomains:\n  - domain: loop1.shop.test\n");
        assertThat(fragment.split("confirmed: false", -1).length - 1).as("every proposal unconfirmed")
                .isEqualTo(out.lines().filter(l -> l.matches(".* (dns-records|ip-ranges) .*") && !l.contains("FAILED")).count());
    }

    @Test
    void a_resolver_that_never_answers_gives_one_timeout_line_per_domain_and_exit_1() throws Exception {
        List<String> args = new ArrayList<>(List.of("edges", "--catalog", HOME.resolve("catalog").toString(),
                "--resolver", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "500ms",
                "--ipranges-dir", resource("ipranges").toString(), "--asn-dir", resource("asn").toString(),
                "--domain", "www.shop.test", "--domain", "api.shop.test"));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new DiscoverCommand()).execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(out).contains("www.shop.test: FAILED: timeout asking 127.0.0.1:" + silent.getLocalPort())
                .contains("api.shop.test: FAILED: timeout asking 127.0.0.1:" + silent.getLocalPort());
        assertThat(code).isEqualTo(1);
    }

    @Test
    void catalog_add_writes_an_entry_with_unconfirmed_evidenced_edges_that_validate_accepts(@TempDir Path tmp) throws Exception {
        Path catalog = tmp.resolve("catalog");
        try (var files = Files.walk(HOME.resolve("catalog"))) {
            for (Path f : files.toList()) {
                Path to = catalog.resolve(HOME.resolve("catalog").relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        List<String> args = List.of("add", "--id", "test-shop", "--name", "Test Shop", "--domain", "www.shop.test",
                "--domain", "api.shop.test", "--domain", "nx.shop.test", "--status-page", "https://status.shop.test",
                "--catalog", catalog.toString(), "--resolver", bind.address(), "--timeout", "2s",
                "--ipranges-dir", resource("ipranges").toString(), "--asn-dir", resource("asn").toString());
        Run add = command(new CatalogCommand(), args);
        assertThat(add.code()).as("one domain failed: partial").isEqualTo(3);
        assertThat(add.out()).contains("nx.shop.test: FAILED: NXDOMAIN")
                .contains("wrote test-shop to " + catalog.resolve("services/onboarded.yaml") + " with 3 unconfirmed edge(s)");

        String written = Files.readString(catalog.resolve("services/onboarded.yaml"));
        assertThat(written).startsWith("# Services onboarded with 'faultline catalog add'.").contains("services:\n  - id: test-shop\n")
                .contains("    statusPage: {url: \"https://status.shop.test\", format: html}\n")
                .contains("    domains: [www.shop.test, api.shop.test, nx.shop.test]\n")
                .contains("      - target: akamai\n        kind: cdn\n        evidence: dns-records\n")
                .contains("      - target: aws/us-east-1\n        kind: hosting\n        evidence: ip-ranges\n")
                .contains("observed: \"").contains("www.shop.test CNAME www.shop.test.edgekey.net (suffix edgekey.net)")
                .contains("Lookups that failed: nx.shop.test: NXDOMAIN");

        Run validate = command(new CatalogCommand(), List.of("validate", "--catalog-dir", catalog.toString()));
        assertThat(validate.code()).isZero();
        assertThat(validate.out()).contains("catalog " + catalog + " is valid");
        var entry = CatalogCommand.read(catalog).requireValid().stream().filter(e -> e.getEntityId().equals("test-shop"))
                .findFirst().orElseThrow();
        assertThat(entry.getDependsOn()).extracting(d -> d.getTarget() + " " + d.getKind() + " " + d.getEvidence() + " "
                + d.getConfirmed()).containsExactly("akamai cdn dns-records false", "route53 dns dns-records false",
                "aws/us-east-1 hosting ip-ranges false");
        assertThat(entry.getStatusPageUrl()).isEqualTo("https://status.shop.test");

        Run again = command(new CatalogCommand(), args);
        assertThat(again.code()).isNotZero();
        assertThat(again.out()).contains("--id test-shop: the catalog in " + catalog + " already has this id");
    }

    /** Runs a command as the launcher does (its error handler prints one line to stderr); stdout and stderr together. */
    static Run command(Object command, List<String> args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        java.io.StringWriter err = new java.io.StringWriter();
        int code;
        try {
            PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8);
            System.setOut(both);
            System.setErr(both);
            CommandLine cli = new CommandLine(command);
            cli.setErr(new java.io.PrintWriter(err, true));
            cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
                cmd.getErr().println("faultline " + cmd.getCommandName() + ": " + e.getMessage());
                return 1;
            });
            code = cli.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        String out = buffer.toString(StandardCharsets.UTF_8) + err;
        System.out.println(out);
        return new Run(code, out);
    }

    /**
     * Effect on detection: services known only by their domains, onboarded with 'catalog add' from the
     * test zone (no declared edge anywhere), then a synthetic outage of the CDN five of them CNAME into.
     * The engine names that CDN from the discovered edges alone, and says they are unconfirmed.
     */
    @Test
    void an_outage_of_one_cdn_is_named_from_discovered_edges_alone(@TempDir Path tmp) throws Exception {
        Path catalog = tmp.resolve("catalog");
        Files.createDirectories(catalog.resolve("services"));
        Files.copy(HOME.resolve("catalog/providers.yaml"), catalog.resolve("providers.yaml"));
        Map<String, String> services = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            services.put("web-" + i, "svc" + i + ".shop.test");
        }
        services.put("api-svc", "api.shop.test");
        services.put("cdn-svc", "cdn.shop.test");
        services.put("static-svc", "static.shop.test");
        services.put("portal-web", "www.portal.test");
        services.put("portal-app", "app.portal.test");
        for (Map.Entry<String, String> s : services.entrySet()) {
            Run add = command(new CatalogCommand(), List.of("add", "--id", s.getKey(), "--domain", s.getValue(),
                    "--catalog", catalog.toString(), "--resolver", bind.address(), "--timeout", "2s",
                    "--ipranges-dir", resource("ipranges").toString(), "--asn-dir", resource("asn").toString()));
            assertThat(add.code()).as(s.getKey()).isZero();
        }
        var entries = CatalogCommand.read(catalog).requireValid();
        var onboarded = entries.stream().filter(e -> services.containsKey(e.getEntityId())).toList();
        assertThat(onboarded).hasSize(services.size());
        assertThat(onboarded).allSatisfy(e -> assertThat(e.getDependsOn()).isNotEmpty()
                .allSatisfy(d -> assertThat(d.getConfirmed()).as(e.getEntityId() + " -> " + d.getTarget()).isFalse()));
        assertThat(entries.stream().filter(e -> e.getKind() == io.faultline.avro.EntityKind.SERVICE))
                .as("no service but the onboarded ones").hasSize(services.size());

        var graph = io.faultline.schemas.mapping.CatalogEntities.graph(entries);
        var engine = io.faultline.core.correlation.CorrelationEngine.create(graph,
                io.faultline.core.correlation.CorrelationConfig.defaults());
        java.time.Instant t0 = java.time.Instant.parse("2026-06-01T12:00:00Z");
        for (String id : services.keySet()) {
            engine.onHealth(io.faultline.core.correlation.HealthUpdate.of(id, io.faultline.core.correlation.HealthLevel.UP, t0));
        }
        Map<String, io.faultline.core.correlation.Incident> latest = new LinkedHashMap<>();
        for (int minute = 1; minute <= 6; minute++) {
            java.time.Instant tick = t0.plusSeconds(60L * minute);
            if (minute == 2) { // the CDN fails: its five dependents go down within a minute
                for (String id : List.of("web-1", "web-2", "web-3")) {
                    engine.onHealth(io.faultline.core.correlation.HealthUpdate.of(id, io.faultline.core.correlation.HealthLevel.DOWN,
                            tick.minusSeconds(40)));
                }
                for (String id : List.of("web-4", "web-5")) {
                    engine.onHealth(io.faultline.core.correlation.HealthUpdate.of(id, io.faultline.core.correlation.HealthLevel.DOWN,
                            tick.minusSeconds(10)));
                }
            }
            engine.tick(tick).forEach(incident -> latest.put(incident.id(), incident));
        }
        assertThat(latest).hasSize(1);
        var incident = latest.values().iterator().next();
        System.out.println("incident: " + incident.title() + "; cause " + incident.cause().componentId() + "; reasons "
                + incident.cause().reasons());
        assertThat(incident.cause().componentId()).isEqualTo("akamai");
        assertThat(incident.members()).extracting(io.faultline.core.correlation.IncidentMember::serviceId)
                .containsExactlyInAnyOrder("web-1", "web-2", "web-3", "web-4", "web-5");
        assertThat(incident.cause().reasons()).anyMatch(r -> r.startsWith("5 of the 5 impaired dependents depend on it only "
                + "through unconfirmed discovered edges"));
    }
}
