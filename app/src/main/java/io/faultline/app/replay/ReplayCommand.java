package io.faultline.app.replay;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.Callable;

import io.faultline.ingestion.replay.ArchiveWriter;
import io.faultline.ingestion.replay.RawEvent;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplayProducer;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.ingestion.replay.ReplayStats;
import io.faultline.ingestion.replay.TimelineSource;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import io.faultline.app.AsnDataOption;
import io.faultline.app.DurationConverter;
import io.faultline.app.KafkaReachability;
import io.faultline.app.KafkaAvroOptions;

/**
 * {@code faultline replay <path>}: produce a past outage, an archive or public probe / status-page
 * data to the raw topics with the original event times; or, with {@code --write-archive}, write
 * the events as an archive instead.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay raw events to the raw topics with their original event times as record timestamps.",
                "PATH is a replays/<id> folder (RECONSTRUCTED events generated from its timeline.yaml), a replay archive "
                        + "(see docs/replay-archive.md), RIPE Atlas connection events or results (JSON array, NDJSON, gzip), "
                        + "or a folder of Statuspage v2 summary.json snapshots.",
                "--bootstrap-servers and --registry-url are required unless --write-archive or --batch is given."})
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PATH", description = "What to replay.")
    Path path;

    @Option(names = "--speed", description = "Event-time seconds per wall-clock second (default: ${DEFAULT-VALUE}; 60 = an hour in a minute).",
            defaultValue = "60")
    double speed;

    @Option(names = "--as-fast-as-possible", description = "Do not pace by event time.")
    boolean asFastAsPossible;

    @Option(names = "--from", description = "First event time replayed (ISO-8601, e.g. 2021-12-07T15:30:00Z).")
    Instant from;

    @Option(names = "--to", description = "Event time where the replay stops (exclusive).")
    Instant to;

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Option(names = "--auto-register", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Register the raw schemas if missing (default: on; turn off in production).")
    boolean autoRegister;

    @Option(names = "--catalog-dir", description = "Catalog a replays/<id> folder is generated against (default: catalog/ beside replays/).")
    Path catalogDir;

    @Option(names = "--write-archive", paramLabel = "DIR",
            description = "Write the events as an archive into DIR (e.g. replays/<id>/events) instead of producing them.")
    Path writeArchive;

    @Option(names = "--batch", description = "No Kafka: run the events through the streams logic and the correlation job "
            + "in Flink BATCH mode, print every incident revision as the demo does, and exit.")
    boolean batch;

    @Option(names = "--incidents-out", paramLabel = "FILE",
            description = "With --batch: also write every incident revision to FILE, one Avro JSON object per line.")
    Path incidentsOut;

    @Option(names = "--health-out", paramLabel = "FILE",
            description = "With --batch: also write every service-health change to FILE, one Avro JSON object per line.")
    Path healthOut;

    @Option(names = "--allow-expiring-records", description = "Replay even into raw topics whose time-based retention "
            + "would delete the replayed (old) records; by default the replay refuses and names the topic.")
    boolean allowExpiringRecords;

    @picocli.CommandLine.Mixin
    AsnDataOption asnData = new AsnDataOption();

    @Option(names = "--progress-every", description = "Progress line interval (default: ${DEFAULT-VALUE}).", defaultValue = "5s",
            converter = DurationConverter.class)
    Duration progressEvery;

    @Override
    public Integer call() throws Exception {
        if (!asFastAsPossible && !(speed > 0)) {
            throw new IllegalArgumentException("--speed " + speed + ": must be greater than 0 (or use --as-fast-as-possible)");
        }
        ReplayOptions options = ReplayOptions.defaults().withWindow(from, to).withCatalogDir(catalogDir)
                .withTagger(asnData.tagger());
        try (ReplaySource source = ReplaySource.open(path, options)) {
            System.out.println("replaying " + source.description());
            if (source instanceof TimelineSource t) {
                t.generator().report().lines().forEach(l -> System.out.println("  " + l));
            }
            if (batch && writeArchive != null) {
                throw new IllegalArgumentException("--batch and --write-archive: choose one");
            }
            if (incidentsOut != null && !batch) {
                throw new IllegalArgumentException("--incidents-out: only with --batch");
            }
            if (healthOut != null && !batch) {
                throw new IllegalArgumentException("--health-out: only with --batch");
            }
            if (batch) {
                return BatchReplay.run(path, options, catalogDir, incidentsOut, healthOut, System.out);
            }
            return writeArchive != null ? write(source) : produce(source);
        }
    }

    private int write(ReplaySource source) {
        long n = 0;
        long start = System.nanoTime();
        java.util.List<String> notes = source instanceof TimelineSource t ? t.generator().report().lines()
                : java.util.List.of(source.description());
        // generated archives carry no creation time, so regenerating gives the same bytes
        Instant created = source instanceof TimelineSource ? null : Instant.now();
        try (ArchiveWriter w = ArchiveWriter.create(writeArchive, source.description(), created, notes)) {
            Iterator<RawEvent> it = source.events();
            while (it.hasNext()) {
                w.write(it.next());
                n++;
            }
            System.out.printf("wrote %d events to %s (%s), %d unreadable inputs, %.1f s%n", n, writeArchive, w.counts(),
                    source.rejected().size(), (System.nanoTime() - start) / 1e9);
        }
        source.rejected().forEach(r -> System.out.println("  rejected " + r.errorType() + ": " + r.reason() + " " + r.context()));
        return 0;
    }

    private int produce(ReplaySource source) throws Exception {
        String bootstrapServers = kafka.bootstrapServers();
        String registryUrl = kafka.registryUrl();
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers: required to produce (or use --write-archive DIR)");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("--registry-url: required to produce (or use --write-archive DIR)");
        }
        Topics topics = kafka.topics();
        KafkaReachability.require(bootstrapServers, registryUrl, topics.raw().stream().map(Topics.Topic::name).distinct().toList());
        if (!allowExpiringRecords) {
            java.util.List<String> problems = ReplayRetentionCheck.problems(bootstrapServers,
                    topics.raw().stream().map(Topics.Topic::name).toList());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("the replay would be deleted by the broker: " + String.join("; ", problems));
            }
        }
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(registryUrl, autoRegister));
        System.out.println("  to " + topics.prefix() + "raw.* at " + bootstrapServers + ", "
                + (asFastAsPossible ? "as fast as possible" : "speed " + speed + "x"));
        ReplayStats stats;
        try (ReplayProducer producer = new ReplayProducer(ReplayProducer.config(bootstrapServers), topics, registry,
                Clock.systemUTC())) {
            stats = producer.replay(source, asFastAsPossible ? 0 : speed, progressEvery,
                    p -> System.out.printf("  %,d events sent, event time %s, %.1f s%n", p.sent(), p.eventTime(),
                            p.elapsed().toMillis() / 1000.0));
        }
        System.out.println("done: " + stats.summary());
        return 0;
    }
}
