package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.sun.net.httpserver.HttpServer;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.testsupport.DataDir;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.app.Faultline;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code faultline ingest social --platform mastodon} against a local SSE server replaying the
 * Mastodon documentation's real events, into a real broker and registry: each distinct post lands
 * once in raw.social keyed by its id, and a malformed event lands in the dead-letter topic.
 */
class IngestSocialIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final String MALFORMED = "event: update\ndata: {\"id\":\"1\",\"content\":";

    @Test
    void mastodonPostsReachRawSocialAndAMalformedEventTheDeadLetterTopic() throws Exception {
        Path sample = DataDir.file("social/mastodon_docs_streaming_sse_examples.txt");
        assumeTrue(Files.isRegularFile(sample), "public sample missing: " + sample);
        List<String> events = new ArrayList<>();
        for (String block : Files.readString(sample, StandardCharsets.UTF_8).split("\n\n")) {
            if (!block.isBlank()) {
                events.add(block.strip());
            }
        }
        events.add(2, MALFORMED);
        Map<String, String> updates = new LinkedHashMap<>(); // status id -> event, the distinct posts to expect
        for (String e : events) {
            if (e.equals(MALFORMED)) {
                continue;
            }
            if (e.startsWith("event: update\n")) {
                String id = e.substring(e.indexOf("{\"id\":\"") + 7);
                updates.putIfAbsent(id.substring(0, id.indexOf('"')), e);
            }
        }
        String stream = String.join("\n\n", events) + "\n\n";

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/streaming/public", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(stream.getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (int i = 0; i < 600; i++) { // heartbeats until the client leaves (at most a minute)
                    out.write(":thump\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                // the client hung up after its last post
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        EmbeddedStack stack = STACK.stack();
        try {
            CommandLine cli = new CommandLine(new Faultline());
            ((IngestSocialCommand) cli.getSubcommands().get("ingest").getSubcommands().get("social").getCommand()).env = Map.of();
            int code = cli.execute("ingest", "social", "--platform", "mastodon",
                    "--mastodon-url", "http://127.0.0.1:" + server.getAddress().getPort(), "--allow-private-addresses",
                    "--max-posts", Integer.toString(updates.size()),
                    "--bootstrap-servers", stack.bootstrapServers(), "--registry-url", stack.registryUrl(),
                    "--topic-prefix", stack.topics().prefix());
            assertThat(code).isZero();

            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), false));
            Map<String, SocialPost> posts = new LinkedHashMap<>();
            List<SocialPost> all = read(stack.bootstrapServers(), stack.topics().rawSocial.name(),
                    stack.topics().rawSocial.serde(registry).deserializer(), updates.size());
            all.forEach(p -> posts.put(p.getPostId(), p));
            List<DeadLetter> dead = read(stack.bootstrapServers(), stack.topics().deadLetters.name(),
                    stack.topics().deadLetters.serde(registry).deserializer(), 1);

            assertThat(all).hasSize(updates.size());
            assertThat(posts.keySet()).containsExactlyInAnyOrderElementsOf( // partitions do not keep order across keys
                    updates.keySet().stream().map(id -> "mastodon:127.0.0.1:" + id).toList());
            assertThat(all).allSatisfy(p -> assertThat(p.getPlatform()).isEqualTo(SocialPlatform.MASTODON));
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getSource()).isEqualTo("ingest.social.mastodon");
            assertThat(StandardCharsets.UTF_8.decode(dead.get(0).getPayload()).toString()).isEqualTo(MALFORMED);
        } finally {
            server.stop(0);
        }
    }

    static <V extends SpecificRecord> List<V> read(String bootstrap, String topic, Deserializer<V> values, int atLeast) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-social-it-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            c.subscribe(List.of(topic));
            // the consumer is not thread-safe: poll it in the test's own thread
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(r -> out.add(r.value()));
                return out.size() >= atLeast;
            });
            c.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.value())); // anything extra would be a duplicate
        }
        return out;
    }
}
