package io.faultline.app.ingest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.ingestion.probe.AtlasImport;
import io.faultline.ingestion.probe.AtlasRecordParser;
import io.faultline.ingestion.probe.NetworkTagger;
import io.faultline.ingestion.probe.ProbeKafkaSink;
import io.faultline.ingestion.probe.TargetResolver;
import io.faultline.ingestion.probe.prober.CatalogTargets;
import io.faultline.ingestion.probe.prober.ProbeTarget;
import io.faultline.ingestion.probe.prober.Prober;
import io.faultline.ingestion.probe.prober.ProberConfig;
import io.faultline.ingestion.probe.prober.VantageHeartbeat;
import io.faultline.ingestion.probe.prober.RoundSummary;
import io.faultline.ingestion.probe.prober.Vantage;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.faultline.app.AsnDataOption;
import io.faultline.app.DurationConverter;
import io.faultline.app.ErrorReport;
import io.faultline.app.KafkaReachability;
import io.faultline.app.KafkaAvroOptions;

/**
 * {@code faultline ingest probes}: the built-in prober over the catalog's service domains, or,
 * with {@code --atlas-file}, an import of RIPE Atlas results and connection events. Records go
 * to raw.probe / raw.probe-connection (rejected input to the dead-letter topic), or with
 * {@code --print} to standard output as JSON lines.
 */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = {"Probe every service domain of the catalog (HTTP(S), TCP, DNS) on a schedule, or import RIPE Atlas "
                + "result / connection-event files (JSON array, NDJSON, gzip, a directory, or '-' for streaming-API "
                + "frames on stdin) into raw.probe and raw.probe-connection.",
                "--bootstrap-servers and --registry-url are required unless --print writes to standard output."})
public final class IngestProbesCommand implements Callable<Integer> {

    @Option(names = "--catalog", defaultValue = "catalog", description = "Catalog directory (default: ${DEFAULT-VALUE}).")
    Path catalog;

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Option(names = "--auto-register", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Register value schemas if missing (default: on).")
    boolean autoRegister;

    @Option(names = "--print", description = "Write records to standard output as JSON lines instead of Kafka.")
    boolean print;

    @Option(names = "--vantage-name", defaultValue = "faultline-prober", description = "Name of this vantage point (default: ${DEFAULT-VALUE}).")
    String vantageName;

    @Option(names = "--vantage-region", description = "Region label of this vantage point, e.g. eu-central.")
    String vantageRegion;

    @Option(names = "--vantage-asn", description = "ASN this vantage point sits in. Needed (or --vantage-country) for its "
            + "heartbeats to count toward network outages: five or more vantages of one network falling silent together is one.")
    Long vantageAsn;

    @Option(names = "--vantage-country", description = "ISO 3166-1 alpha-2 country of this vantage point.")
    String vantageCountry;

    @Option(names = "--interval", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time between rounds (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--types", defaultValue = "http,tcp,dns", description = "Probe types, any of http,tcp,dns (default: ${DEFAULT-VALUE}).")
    String types;

    @Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "Limit of each phase: DNS, connect, TLS, first byte (default: ${DEFAULT-VALUE}).")
    Duration phaseTimeout;

    @Option(names = "--total-timeout", defaultValue = "15s", converter = DurationConverter.class,
            description = "Limit of one whole probe (default: ${DEFAULT-VALUE}).")
    Duration totalTimeout;

    @Option(names = "--concurrency", defaultValue = "16", description = "Probes in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--once", description = "Run one round and exit.")
    boolean once;

    @Option(names = "--allow-private-addresses",
            description = "Also probe private, loopback and link-local addresses (lab set-ups; off by default).")
    boolean allowPrivate;

    @Option(names = "--atlas-file", description = "Import RIPE Atlas results / connection events from this file or directory ('-' = stdin) instead of probing.")
    String atlasFile;

    @picocli.CommandLine.Mixin
    AsnDataOption asnData = new AsnDataOption();

    @picocli.CommandLine.Mixin
    io.faultline.app.metrics.MetricsOptions metrics = new io.faultline.app.metrics.MetricsOptions();

    static final String STAGE = "ingest-probes";

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        NetworkTagger tagger = tagger();
        // served while the command runs on: probing rounds on a schedule, or Atlas frames streamed on stdin
        boolean longRunning = atlasFile == null ? !once : atlasFile.equals("-");
        try (io.faultline.app.metrics.CommandMetrics m = longRunning
                ? metrics.open(new java.io.PrintWriter(System.err, true)) : null;
             Output out = m == null ? output(clock) : new MeteredOutput(output(clock),
                     io.faultline.streams.PipelineMeters.of(m.registry()), topics())) {
            if (m != null) {
                if (!print) {
                    m.require(new io.faultline.app.metrics.KafkaReadiness(kafka.bootstrapServers()));
                }
                m.started();
            }
            if (atlasFile != null) {
                if (!atlasFile.equals("-") && !java.nio.file.Files.exists(Path.of(atlasFile))) {
                    throw new IllegalArgumentException("--atlas-file " + atlasFile + ": no such file or directory");
                }
                AtlasRecordParser parser = new AtlasRecordParser(clock, TargetResolver.NONE, tagger);
                UnreadFiles checked = new UnreadFiles(out);
                AtlasImport.Counts counts = atlasFile.equals("-")
                        ? AtlasImport.importStream(System.in, "stdin", parser, checked)
                        : AtlasImport.importPath(Path.of(atlasFile), parser, checked);
                out.flush();
                System.err.println("imported " + atlasFile + ": " + counts + (print ? "" : " (rejected → " + topics().deadLetters.name() + ")"));
                if (!checked.files.isEmpty()) {
                    // a rejected line is kept (dead-letter topic); the rest of a file that cannot be read is lost: say so
                    System.err.println("faultline ingest probes: warning: " + checked.files.size() + " file(s) could not be read "
                            + "to the end, what came after is not imported: " + String.join("; ", checked.files));
                    return counts.results() + counts.connections() == 0 ? ErrorReport.BAD_INPUT : ErrorReport.PARTIAL;
                }
                return 0;
            }
            return probe(clock, tagger, out);
        }
    }

    private int probe(Clock clock, NetworkTagger tagger, Output out) throws InterruptedException {
        ProberConfig config = new ProberConfig(new Vantage(vantageName, vantageRegion, vantageAsn, vantageCountry), interval,
                ProberConfig.parseTypes(types), phaseTimeout, phaseTimeout, phaseTimeout, phaseTimeout, totalTimeout,
                concurrency, 1 << 20, allowPrivate);
        CatalogLoad load = CatalogYaml.load(catalog, clock.instant());
        List<String> problems = new ArrayList<>(load.errors());
        List<ProbeTarget> targets = CatalogTargets.of(load.requireValid(), problems::add);
        problems.forEach(p -> System.err.println("skipped: " + p));
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--catalog " + catalog + ": no service has a domain to probe");
        }
        System.err.println("probing " + targets.size() + " targets from vantage " + vantageName + " (" + config.types() + ", every "
                + interval.toSeconds() + " s" + (once ? ", once" : "") + ")");
        try (Prober prober = Prober.create(config, targets, r -> out.result(tagger.tag(r, null)), clock)) {
            if (once) {
                RoundSummary s = prober.runOnce();
                out.connection(tagger.tag(VantageHeartbeat.of(config.vantage(), s, clock.instant())));
                out.flush();
                System.err.println("round: " + s);
                return 0;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            prober.start(s -> {
                // the vantage's sign of life: its silence while others are heard counts as a disconnect
                out.connection(tagger.tag(VantageHeartbeat.of(config.vantage(), s, clock.instant())));
                out.flush();
                System.err.println(clock.instant() + " round: " + s);
            }, e -> {
                failure.set(e);
                stopped.countDown();
            });
            stopped.await();
            if (failure.get() != null) {
                throw new IllegalStateException("probing stopped: " + failure.get().getMessage(), failure.get());
            }
            return 0;
        }
    }

    private NetworkTagger tagger() {
        return asnData.tagger();
    }

    private Topics topics() {
        return kafka.topics();
    }

    private Output output(Clock clock) {
        if (print) {
            return new PrintOutput(System.out);
        }
        String bootstrapServers = kafka.bootstrapServers();
        String registryUrl = kafka.registryUrl();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required (or --print to write to standard output)");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("--registry-url is required (or --print to write to standard output)");
        }
        KafkaReachability.require(bootstrapServers, registryUrl, java.util.List.of(topics().rawProbe.name(),
                topics().rawProbeConnection.name(), topics().deadLetters.name()));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(registryUrl, autoRegister));
        ProbeKafkaSink sink = new ProbeKafkaSink(new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()),
                topics(), registry, clock);
        return new KafkaOutput(sink);
    }

    /** Where records go: Kafka or standard output. */
    interface Output extends AtlasImport.Output, AutoCloseable {
        void flush();

        @Override
        void close();
    }

    record KafkaOutput(ProbeKafkaSink sink) implements Output {
        @Override
        public void result(ProbeResult r) {
            sink.result(r);
        }

        @Override
        public void connection(ProbeConnectionEvent e) {
            sink.connection(e);
        }

        @Override
        public void rejected(Rejected r) {
            sink.rejected(r);
        }

        @Override
        public void flush() {
            sink.flush();
        }

        @Override
        public void close() {
            sink.close();
        }
    }

    /** Passes everything on, and keeps the files that could not be read to the end ("file: why"). */
    static final class UnreadFiles implements AtlasImport.Output {
        private final AtlasImport.Output out;
        final List<String> files = java.util.Collections.synchronizedList(new ArrayList<>());

        UnreadFiles(AtlasImport.Output out) {
            this.out = out;
        }

        @Override
        public void result(ProbeResult r) {
            out.result(r);
        }

        @Override
        public void connection(ProbeConnectionEvent e) {
            out.connection(e);
        }

        @Override
        public void rejected(Rejected r) {
            out.rejected(r);
            if ("IO_ERROR".equals(r.errorType())) {
                files.add(r.context().getOrDefault("file", "?") + ": " + r.reason());
            }
        }
    }

        /** Counts what passes into {@code faultline_records_out_total} and {@code faultline_dead_letters_total}. */
    record MeteredOutput(Output out, io.faultline.streams.PipelineMeters meters, Topics topics) implements Output {
        @Override
        public void result(ProbeResult r) {
            out.result(r);
            meters.out(STAGE, topics.rawProbe.name());
        }

        @Override
        public void connection(ProbeConnectionEvent e) {
            out.connection(e);
            meters.out(STAGE, topics.rawProbeConnection.name());
        }

        @Override
        public void rejected(Rejected r) {
            out.rejected(r);
            meters.deadLetter(STAGE, r.errorType());
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.close();
        }
    }

    /** JSON lines (Avro's JSON rendering) on standard output; rejected input on standard error. */
    record PrintOutput(PrintStream out) implements Output {
        @Override
        public synchronized void result(ProbeResult r) {
            out.println(r);
        }

        @Override
        public synchronized void connection(ProbeConnectionEvent e) {
            out.println(e);
        }

        @Override
        public synchronized void rejected(Rejected r) {
            System.err.println("rejected " + r.errorType() + " " + r.context() + ": " + r.reason());
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
