package io.faultline.ingestion.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.schemas.serde.SerdeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records the raw topics into an archive: every partition of the four raw topics is read
 * (read_committed, no consumer group, nothing committed), the values are decoded with the
 * project's serde, and the events of all topics are merged in event-time order and written with
 * {@link ArchiveWriter}. A value that cannot be decoded is not lost: it goes to
 * {@code dead-letters.ndjson} beside the archive, with topic, partition, offset, reason and the
 * bytes in base64.
 *
 * <p>Two modes: a past window {@code [from, to)} (by record timestamp, which replays and producers set
 * to the event time) read up to the end offsets seen at start, or a live recording of
 * {@code duration} from the current end. Limit: events are held in memory until written (about
 * 1 KB each), so record hours, not weeks.
 */
public final class ArchiveRecorder {

    public static final String DEAD_LETTERS_FILE = "dead-letters.ndjson";

    /** What was recorded. */
    public record Recorded(Map<RawKind, Long> counts, long undecodable, Instant firstEventTime, Instant lastEventTime) {
        public long total() {
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Map<String, Object> consumerConfig;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final Clock clock;

    public ArchiveRecorder(Map<String, Object> consumerConfig, Topics topics, SchemaRegistry registry, Clock clock) {
        this.consumerConfig = consumerConfig;
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
    }

    public static Map<String, Object> config(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers: required, e.g. localhost:9092");
        }
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return c;
    }

    /** Records the past window {@code [from, to)} ({@code to} null = up to now). */
    public Recorded recordWindow(Instant from, Instant to, Path out) {
        return record(from, to, null, out);
    }

    /** Records what arrives during the next {@code duration}. */
    public Recorded recordLive(Duration duration, Path out) {
        return record(null, null, duration, out);
    }

    private Recorded record(Instant from, Instant to, Duration live, Path out) {
        Properties p = new Properties();
        p.putAll(consumerConfig);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<RawEvent> events = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        Map<RawKind, Long> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topics.Topic<?> t : topics.raw()) {
                List<PartitionInfo> infos = c.partitionsFor(t.name(), Duration.ofSeconds(30));
                if (infos != null) {
                    infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
                }
            }
            c.assign(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            if (live != null) {
                c.seekToEnd(partitions);
            } else {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(tp -> query.put(tp, from.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> start = c.offsetsForTimes(query);
                for (TopicPartition tp : partitions) {
                    OffsetAndTimestamp o = start.get(tp);
                    c.seek(tp, o == null ? end.get(tp) : o.offset());
                }
            }
            Instant deadline = live == null ? null : clock.instant().plus(live);
            Map<RawKind, AvroSerde<?>> serdes = new HashMap<>();
            while (live != null ? clock.instant().isBefore(deadline) : !reachedEnd(c, partitions, end)) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    RawKind kind = RawKind.byTopic(topics, r.topic());
                    if (r.value() == null || kind == null) {
                        continue; // tombstones do not occur on raw topics; nothing to replay
                    }
                    SpecificRecord value;
                    try {
                        value = (SpecificRecord) serdes.computeIfAbsent(kind, k -> k.topic(topics).serde(registry))
                                .deserialize(r.topic(), r.value());
                    } catch (SerdeException e) {
                        if (e.kind() == SerdeException.Kind.REGISTRY_UNAVAILABLE) {
                            throw e;
                        }
                        dead.add(deadLine(r, e.kind().name(), e.getMessage()));
                        continue;
                    }
                    RawEvent own = RawEvent.of(value);
                    if (from != null && own.eventTime().isBefore(from) || to != null && !own.eventTime().isBefore(to)) {
                        continue;
                    }
                    events.add(new RawEvent(kind, r.key() == null ? own.key() : r.key(), own.eventTime(), value));
                    counts.merge(kind, 1L, Long::sum);
                }
            }
        }
        events.sort(Comparator.comparing(RawEvent::eventTime)); // stable: per-partition order kept for equal times
        String sourceText = "recorded from " + topics.prefix() + "raw.* ("
                + (live != null ? "live, " + live : "window " + from + " .. " + (to == null ? "end" : to)) + ")";
        try (ArchiveWriter w = ArchiveWriter.create(out, sourceText, clock.instant(),
                List.of(dead.size() + " undecodable records in " + DEAD_LETTERS_FILE))) {
            events.forEach(w::write);
        }
        writeDeadLetters(out, dead);
        return new Recorded(counts, dead.size(), events.isEmpty() ? null : events.get(0).eventTime(),
                events.isEmpty() ? null : events.get(events.size() - 1).eventTime());
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> c, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition tp : partitions) {
            if (c.position(tp) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }

    private static String deadLine(ConsumerRecord<String, byte[]> r, String type, String reason) {
        ObjectNode n = ArchiveCodec.JSON.createObjectNode();
        n.put("topic", r.topic());
        n.put("partition", r.partition());
        n.put("offset", r.offset());
        n.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
        n.put("key", r.key());
        n.put("errorType", type);
        n.put("reason", reason);
        n.put("payloadBase64", Base64.getEncoder().encodeToString(r.value()));
        return n.toString();
    }

    private static void writeDeadLetters(Path out, List<String> dead) {
        Path f = out.resolve(DEAD_LETTERS_FILE);
        try {
            if (dead.isEmpty()) {
                Files.deleteIfExists(f);
            } else {
                Files.write(f, dead, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
