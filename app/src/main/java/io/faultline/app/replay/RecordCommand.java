package io.faultline.app.replay;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import io.faultline.ingestion.replay.ArchiveRecorder;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import io.faultline.app.DurationConverter;
import io.faultline.app.KafkaReachability;
import io.faultline.app.KafkaAvroOptions;

/** {@code faultline record}: the raw topics into a replay archive, in event-time order. */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Record the raw topics (read_committed) into a replay archive that `faultline replay` plays back.",
                "Either a past window (--from [--to], from the topics' retention) or a live recording (--duration)."})
public final class RecordCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Archive directory to write.")
    Path out;

    @Option(names = "--from", description = "Start of the window (record timestamp = event time), ISO-8601.")
    Instant from;

    @Option(names = "--to", description = "End of the window, exclusive (default: what is there now).")
    Instant to;

    @Option(names = "--duration", converter = DurationConverter.class, description = "Record live for this long from now (e.g. 10m), "
            + "or with --from the window length.")
    Duration duration;

    @Mixin
    KafkaAvroOptions kafka = new KafkaAvroOptions();

    @Override
    public Integer call() {
        String bootstrapServers = kafka.requiredBootstrapServers();
        String registryUrl = kafka.requiredRegistryUrl();
        if (from == null && duration == null) {
            throw new IllegalArgumentException("--from or --duration: one is required (a past window, or a live recording)");
        }
        if (to != null && duration != null) {
            throw new IllegalArgumentException("--to and --duration: give one, not both");
        }
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("--duration " + duration + ": must be positive");
        }
        if (from != null && to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("--to " + to + " is not after --from " + from
                    + ": the window would be empty (--to is the exclusive end)");
        }
        Topics topics = kafka.topics();
        KafkaReachability.require(bootstrapServers, registryUrl, topics.raw().stream().map(Topics.Topic::name).distinct().toList());
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(registryUrl, false));
        ArchiveRecorder recorder = new ArchiveRecorder(ArchiveRecorder.config(bootstrapServers), topics, registry, Clock.systemUTC());
        long start = System.nanoTime();
        ArchiveRecorder.Recorded r;
        if (from != null) {
            Instant end = duration != null ? from.plus(duration) : to;
            System.out.println("recording " + topics.prefix() + "raw.* from " + from + " to " + (end == null ? "now" : end) + " into " + out);
            r = recorder.recordWindow(from, end, out);
        } else {
            System.out.println("recording " + topics.prefix() + "raw.* live for " + duration + " into " + out);
            r = recorder.recordLive(duration, out);
        }
        System.out.printf("recorded %d events %s, %d undecodable (in %s), %.1f s%s%n", r.total(), r.counts(), r.undecodable(),
                ArchiveRecorder.DEAD_LETTERS_FILE, (System.nanoTime() - start) / 1e9,
                r.firstEventTime() == null ? "" : ", event time " + r.firstEventTime() + " .. " + r.lastEventTime());
        return 0;
    }
}
