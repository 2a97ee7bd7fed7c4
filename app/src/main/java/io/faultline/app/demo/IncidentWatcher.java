package io.faultline.app.demo;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Follows the incidents topic (read_committed, so only revisions the exactly-once sink committed)
 * on its own thread and hands every revision to a listener, in topic order.
 */
public final class IncidentWatcher implements AutoCloseable {

    private final KafkaConsumer<String, CorrelatedIncident> consumer;
    private final Thread thread;
    private final List<CorrelatedIncident> seen = new ArrayList<>();
    private volatile boolean running = true;

    public IncidentWatcher(String bootstrapServers, Topics topics, SchemaRegistry registry, Consumer<CorrelatedIncident> listener) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "faultline-demo-incidents-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), topics.incidents.serde(registry).deserializer());
        consumer.subscribe(List.of(topics.incidents.name()));
        thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, CorrelatedIncident> r : consumer.poll(Duration.ofMillis(250))) {
                        if (r.value() != null) {
                            synchronized (seen) {
                                seen.add(r.value());
                            }
                            listener.accept(r.value());
                        }
                    }
                }
            } catch (WakeupException stopping) {
                // close() was called
            } finally {
                consumer.close();
            }
        }, "faultline-demo-incidents");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every revision read so far. */
    public List<CorrelatedIncident> revisions() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
