package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import picocli.CommandLine;
import io.faultline.app.Faultline;

/** {@code ingest probes --atlas-file} into a real broker through the real registry: every record on its topic, keyed as documented. */
class IngestProbesIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @TempDir
    Path workDir;

    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-probes-it-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            // the consumer is not thread-safe: poll it in the test's own thread
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
        }
        return out;
    }

    @Test
    void atlasFramesLandOnTheRawProbeTopicsAndTheBrokenOneOnTheDeadLetterTopic() throws Exception {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        Path frames = workDir.resolve("frames.ndjson");
        Files.writeString(frames, """
                ["atlas_result",{"af":4,"avg":11.0,"dst_addr":"93.184.216.34","dst_name":"example.com","msm_id":5001,"prb_id":3001,"rcvd":3,"sent":3,"timestamp":1638892100,"type":"ping"}]
                {"af":4,"avg":-1,"dst_addr":"93.184.216.34","dst_name":"example.com","msm_id":5001,"prb_id":3005,"rcvd":0,"sent":3,"timestamp":1638892104,"type":"ping"}
                ["atlas_result",{"msm_id":7000,"prb_id":3002,"timestamp":1638892101,"event":"disconnect","type":"connection","prefix":"193.0.0.0/21","asn":3333}]
                ["atlas_result",{"type":"ping"
                """);
        EmbeddedStack stack = STACK.stack();
        Topics topics = stack.topics();
        int code = new CommandLine(new Faultline()).execute("ingest", "probes", "--atlas-file", frames.toString(),
                "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl(),
                "--topic-prefix", topics.prefix());
        assertThat(code).isZero();

        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), false));
        List<ConsumerRecord<String, byte[]>> results = readAll(stack.bootstrapServers(), topics.rawProbe.name(), 2);
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.key()).isEqualTo("example.com"));
        List<ProbeResult> decoded = results.stream()
                .map(r -> topics.rawProbe.serde(registry).deserialize(r.topic(), r.value())).toList();
        assertThat(decoded).extracting(ProbeResult::getVantage).containsExactlyInAnyOrder("atlas:3001", "atlas:3005");
        assertThat(decoded).extracting(ProbeResult::getSuccess).containsExactlyInAnyOrder(true, false);
        assertThat(results).allSatisfy(r -> assertThat(r.timestamp()).isBetween(1638892100_000L, 1638892104_000L));

        List<ConsumerRecord<String, byte[]>> events = readAll(stack.bootstrapServers(), topics.rawProbeConnection.name(), 1);
        assertThat(events).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("3002");
            ProbeConnectionEvent e = topics.rawProbeConnection.serde(registry).deserialize(r.topic(), r.value());
            assertThat(e.getAsn()).isEqualTo(3333L);
        });

        List<ConsumerRecord<String, byte[]>> dead = readAll(stack.bootstrapServers(), topics.deadLetters.name(), 1);
        assertThat(dead).singleElement().satisfies(r -> {
            DeadLetter d = topics.deadLetters.serde(registry).deserialize(r.topic(), r.value());
            assertThat(d.getErrorType()).isEqualTo("PARSE_ERROR");
            assertThat(d.getContext()).containsEntry("line", "4");
        });
    }
}
