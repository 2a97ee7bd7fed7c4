package io.faultline.app.networks;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.network.AsnDatabase;
import io.faultline.ingestion.network.AsnInfo;
import io.faultline.ingestion.network.AsnInstaller;
import io.faultline.ingestion.network.NetworkCatalog;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.app.catalog.CatalogCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.faultline.app.CommandGroup;
import io.faultline.app.KafkaAvroOptions;

/** {@code faultline networks install|lookup|catalog}: the ASN dataset (IP range → AS number, organisation, country). */
@Command(name = "networks", mixinStandardHelpOptions = true,
        description = "Install and query the ASN dataset (ip-location-db, from the npm registry) used to tag probes with networks.",
        subcommands = {NetworksCommand.Install.class, NetworksCommand.Lookup.class, NetworksCommand.Catalog.class})
public final class NetworksCommand extends CommandGroup {

    public static final String DEFAULT_DATA_DIR = ".faultline/data/asn";

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Download the ASN packages, verify each tarball's sha512 integrity, and install the CSVs, licences "
                    + "and a SOURCE.json into the data directory (replaced only when everything succeeded).")
    static final class Install implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR, description = "Target directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--npm-registry", defaultValue = "https://registry.npmjs.org/", description = "npm registry (default: ${DEFAULT-VALUE}).")
        URI registry;

        @Option(names = "--package", split = ",", description = "Packages (default: @ip-location-db/asn,@ip-location-db/asn-country).")
        List<String> packages = AsnInstaller.DEFAULT_PACKAGES;

        // not --version: that is the standard option printing faultline's own version (and it hid --help)
        @Option(names = "--package-version", defaultValue = "latest", description = "Package version (default: ${DEFAULT-VALUE}).")
        String version;

        @Option(names = "--allow-private-addresses", description = "Allow a registry on a private or loopback address.")
        boolean allowPrivate;

        @Override
        public Integer call() throws Exception {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            AsnInstaller.Installed done;
            try {
                done = new AsnInstaller(client, registry, allowPrivate, Clock.systemUTC()).install(packages, version, dataDir);
            } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
                // the client's own words name no address: say which registry, and the option
                throw new io.faultline.app.ErrorReport.ExitCodeException(io.faultline.app.ErrorReport.UNREACHABLE,
                        "no npm registry answered at " + registry + " (--npm-registry)", e);
            }
            done.packages().forEach(p -> System.out.println("installed " + p.name() + "@" + p.version()
                    + " (" + p.integrity().substring(0, 19) + "…, published " + p.published() + ")"));
            AsnDatabase db = AsnDatabase.load(done.dir());
            System.out.println(done.dir() + ": " + done.files() + "; " + db.ranges() + " ASN ranges, "
                    + db.countryRanges() + " country ranges");
            return 0;
        }
    }

    @Command(name = "lookup", mixinStandardHelpOptions = true, description = "Print the ASN, organisation and country of IP addresses.")
    static final class Lookup implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR, description = "ASN data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Parameters(arity = "1..*", paramLabel = "IP", description = "IPv4 or IPv6 addresses (literals; names are not resolved).")
        List<String> addresses;

        @Override
        public Integer call() throws Exception {
            AsnDatabase db = AsnDatabase.load(dataDir);
            int missing = 0;
            for (String a : addresses) {
                Optional<AsnInfo> info = db.lookup(a);
                if (info.isEmpty()) {
                    missing++;
                }
                System.out.println(a + "\t" + info.map(i -> "AS" + i.asn() + "\t" + i.organisation() + "\t"
                        + (i.country() == null ? "-" : i.country())).orElse("not in any announced range"));
            }
            return missing == 0 ? 0 : 3;
        }
    }

    @Command(name = "catalog", mixinStandardHelpOptions = true,
            description = "Print NETWORK and ORGANISATION catalog entries for ASNs; with --bootstrap-servers, publish them to the catalog topic.")
    static final class Catalog implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = DEFAULT_DATA_DIR, description = "ASN data directory (default: ${DEFAULT-VALUE}).")
        Path dataDir;

        @Option(names = "--asn", split = ",", required = true, description = "AS numbers, e.g. 7922,13335.")
        List<Long> asns;

        @Mixin
        KafkaAvroOptions kafka = new KafkaAvroOptions();

        @Override
        public Integer call() throws Exception {
            AsnDatabase db = AsnDatabase.load(dataDir);
            List<CatalogEntry> entries = NetworkCatalog.entries(asns, db, source(dataDir), Instant.now());
            entries.forEach(System.out::println);
            String bootstrapServers = kafka.bootstrapServers();
            String registryUrl = kafka.registryUrl();
            if (bootstrapServers != null) {
                if (registryUrl == null) {
                    throw new IllegalArgumentException("--registry-url is required with --bootstrap-servers");
                }
                Topics topics = kafka.topics();
                int n = CatalogCommand.publish(bootstrapServers, topics, new SchemaRegistry(RegistryConfig.of(registryUrl, true)), entries);
                System.err.println("published " + n + " entries to " + topics.catalog.name());
            }
            return 0;
        }

        /** "ip-location-db @ip-location-db/asn@<version>, …" from SOURCE.json, else the directory. */
        static String source(Path dir) {
            List<String> parts = new java.util.ArrayList<>();
            try {
                var packages = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(dir.resolve(AsnInstaller.SOURCE_FILE).toFile()).path("packages");
                packages.forEach(p -> parts.add(p.path("package").asText() + "@" + p.path("version").asText()));
            } catch (java.io.IOException e) {
                parts.clear(); // no SOURCE.json (e.g. a hand-made directory): name the directory instead
            }
            return "ip-location-db " + (parts.isEmpty() ? dir.getFileName().toString() : String.join(", ", parts));
        }
    }
}
