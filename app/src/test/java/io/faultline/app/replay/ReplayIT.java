package io.faultline.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.StatusPageObservation;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.replay.RawEvent;
import io.faultline.ingestion.replay.RawKind;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplaySource;
import io.faultline.ingestion.evaluation.ExpectedOutcomes;
import io.faultline.ingestion.replay.TimelineReplayGenerator;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.faultline.app.Faultline;
import io.faultline.app.embedded.TopicProvisioner;

/**
 * {@code faultline replay} and {@code faultline record} against the embedded broker and registry:
 * a reconstructed outage fills the raw topics with exactly the generated events, a public RIPE
 * Atlas file replays as it is, and a recorded window replays back to the same events.
 */
class ReplayIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final Path HOME = Path.of(System.getProperty("faultline.home", "..")).toAbsolutePath().normalize();
    static final Path AWS = HOME.resolve("replays/aws-us-east-1-2021-12-07");
    static final Path ATLAS = DataDir.samples().resolve("probes/disco_msm7000_2011-01-15.json.gz");

    @TempDir
    Path workDir;

    @Test
    void replayThenRecordThenReplayAgain() throws Exception {
        TimelineReplayGenerator generator = TimelineReplayGenerator.load(AWS, HOME.resolve("catalog"));
        EmbeddedStack stack = STACK.stack();
        Topics topics = stack.topics();
        String[] kafka = {"--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl()};

        // 1. the reconstructed AWS outage: one record per generated event, on the right topics
        assertThat(run(concat(new String[] {"replay", AWS.toString(), "--as-fast-as-possible"}, kafka))).isZero();
        Map<String, Long> counts = endOffsets(stack, topics);
        assertThat(counts.get(topics.rawProbe.name())).isEqualTo(generator.report().count(RawKind.PROBE)).isGreaterThan(100_000);
        assertThat(counts.get(topics.rawStatusPage.name())).isEqualTo(5L).isEqualTo(generator.report().count(RawKind.STATUS_PAGE));
        assertThat(counts.get(topics.rawSocial.name())).isZero();
        assertThat(counts.get(topics.rawProbeConnection.name())).isZero();

        // the Kafka timestamp is the event time: AWS's first post at 16:22Z
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), false));
        List<ConsumerRecord<String, byte[]>> posts = readAll(stack, topics.rawStatusPage.name(), 5);
        var serde = topics.rawStatusPage.serde(registry);
        posts.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        StatusPageObservation first = serde.deserialize(topics.rawStatusPage.name(), posts.get(0).value());
        assertThat(posts.get(0).timestamp()).isEqualTo(Instant.parse("2021-12-07T16:22:00Z").toEpochMilli())
                .isEqualTo(first.getEventTime().toEpochMilli());
        assertThat(posts.get(0).key()).isEqualTo("aws");

        // 2. a public RIPE Atlas connection-event file, replayed without conversion
        int atlasEvents;
        int atlasRejected;
        try (ReplaySource reference = ReplaySource.open(ATLAS, ReplayOptions.defaults())) {
            List<RawEvent> all = new ArrayList<>();
            reference.events().forEachRemaining(all::add);
            atlasEvents = all.size();
            atlasRejected = reference.rejected().size();
        }
        assertThat(run(concat(new String[] {"replay", ATLAS.toString(), "--as-fast-as-possible"}, kafka))).isZero();
        counts = endOffsets(stack, topics);
        assertThat(counts.get(topics.rawProbeConnection.name())).isEqualTo((long) atlasEvents).isGreaterThan(1800);
        assertThat(counts.get(topics.deadLetters.name())).isEqualTo((long) atlasRejected);

        // 3. record half an hour of the outage, then replay the archive to fresh topics
        Instant from = Instant.parse("2021-12-07T16:00:00Z");
        Instant to = Instant.parse("2021-12-07T16:30:00Z");
        Path archive = workDir.resolve("recorded");
        assertThat(run(concat(new String[] {"record", "--out", archive.toString(), "--from", from.toString(),
                "--to", to.toString()}, kafka))).isZero();
        List<String> expected = new ArrayList<>();
        try (ReplaySource s = ReplaySource.open(AWS, ReplayOptions.defaults().withWindow(from, to))) {
            s.events().forEachRemaining(e -> expected.add(e.value().toString()));
        }
        List<String> recorded = new ArrayList<>();
        try (ReplaySource s = ReplaySource.open(archive, ReplayOptions.defaults())) {
            s.events().forEachRemaining(e -> recorded.add(e.value().toString()));
            assertThat(s.rejected()).isEmpty();
        }
        int services = ExpectedOutcomes.read(AWS.resolve("expected.json")).affectedServices().size();
        assertThat(recorded).hasSize(30 * (services + TimelineReplayGenerator.CONTROL_SERVICES) * 6 + 1); // + AWS's 16:22 post
        assertThat(sorted(recorded)).isEqualTo(sorted(expected));

        Topics again = Topics.withPrefix("again.");
        TopicProvisioner.create(stack.bootstrapServers(), again, 2, (short) 1);
        assertThat(run(concat(new String[] {"replay", archive.toString(), "--as-fast-as-possible", "--topic-prefix",
                "again."}, kafka))).isZero();
        Map<String, Long> replayed = endOffsets(stack, again);
        assertThat(replayed.get(again.rawProbe.name()) + replayed.get(again.rawStatusPage.name())).isEqualTo(expected.size());
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        s.sort(Comparator.naturalOrder());
        return s;
    }

    static int run(String... args) {
        return new CommandLine(new Faultline()).execute(args);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Records per topic (end offsets: the producers are idempotent and not transactional). */
    static Map<String, Long> endOffsets(EmbeddedStack stack, Topics topics) {
        Map<String, Long> out = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = consumer(stack)) {
            for (Topics.Topic<?> t : List.of(topics.rawStatusPage, topics.rawSocial, topics.rawProbe, topics.rawProbeConnection,
                    topics.deadLetters)) {
                List<TopicPartition> tps = c.partitionsFor(t.name()).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                out.put(t.name(), c.endOffsets(tps).values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return out;
    }

    static List<ConsumerRecord<String, byte[]>> readAll(EmbeddedStack stack, String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(stack)) {
            c.subscribe(List.of(topic));
            // the consumer is not thread-safe: poll it in the test's own thread
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
        }
        return out;
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedStack stack) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-it-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
