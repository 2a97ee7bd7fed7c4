package io.faultline.app.ingest;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.faultline.app.embedded.EmbeddedStack;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the status-page polling ITs share: recorded pages served from loopback, and a topic read to its end. */
final class PollingFixtures {

    private PollingFixtures() {
    }

    /** Answers GET {@code path} with 200 and {@code body}. */
    static void serve(HttpServer server, String path, byte[] body) {
        server.createContext(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
    }

    /** Every record of the topic from the beginning to its end offsets at the time of the call. */
    static <V> List<ConsumerRecord<String, V>> readAll(EmbeddedStack stack, String topic, Deserializer<V> values) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> c = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            // the consumer is not thread-safe: poll it in the test's own thread
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                return parts.stream().allMatch(tp -> c.position(tp) >= end.get(tp));
            });
        }
        return out;
    }
}
