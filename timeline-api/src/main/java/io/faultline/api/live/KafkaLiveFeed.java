package io.faultline.api.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.ServiceHealth;
import io.faultline.schemas.Topics;
import io.faultline.schemas.ClientSettings;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds an {@link InMemoryLiveStore} from the incidents and service-health topics (or, with
 * {@link #incidentsOnly}, the incidents topic alone, when health comes from elsewhere), read from the
 * beginning on every start (no consumer group: each API instance holds the whole live view). A
 * record that cannot be decoded is counted and logged with its position, and skipped: this is a
 * read-only view, the record stays in Kafka (and the DLQ path belongs to the writers).
 */
public final class KafkaLiveFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLiveFeed.class);
    /** How often (and how long at most) the feed asks Kafka how far behind it is. */
    static final Duration CATCH_UP_CHECK = Duration.ofSeconds(5);
    /** How long one look for a topic's partitions waits: a feed that cannot reach Kafka says so within this. */
    static final Duration METADATA_WAIT = Duration.ofSeconds(20);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final InMemoryLiveStore store;
    private final List<String> topicNames;
    private final String bootstrapServers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong undecodable = new AtomicLong();
    private final Thread thread;

    public KafkaLiveFeed(String bootstrapServers, Topics topics, SchemaRegistry registry, InMemoryLiveStore store) {
        this(bootstrapServers, topics, registry, store, true);
    }

    /** A feed of incident revisions only, for a live store whose service health is answered elsewhere. */
    public static KafkaLiveFeed incidentsOnly(String bootstrapServers, Topics topics, SchemaRegistry registry, InMemoryLiveStore store) {
        return new KafkaLiveFeed(bootstrapServers, topics, registry, store, false);
    }

    private KafkaLiveFeed(String bootstrapServers, Topics topics, SchemaRegistry registry, InMemoryLiveStore store, boolean health) {
        this.topicNames = health ? List.of(topics.incidents.name(), topics.serviceHealth.name()) : List.of(topics.incidents.name());
        this.bootstrapServers = bootstrapServers;
        Properties p = ClientSettings.assigningConsumer(bootstrapServers, "faultline-api-live-feed");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
        this.registry = registry;
        this.store = store;
        this.thread = new Thread(this::run, "faultline-api-live-feed");
        this.thread.setDaemon(true);
        store.markNotReady("the live feed has not read " + topicNames + " from Kafka (" + bootstrapServers
                + ") up to their end yet");
    }

    public void start() {
        thread.start();
    }

    public long undecodable() {
        return undecodable.get();
    }

    private void run() {
        var incidentSerde = topics.incidents.serde(registry);
        var healthSerde = topics.serviceHealth.serde(registry);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            // the topics may not exist yet when the API starts before the pipeline: look again until all do
            while (running.get()) {
                partitions.clear();
                for (String topic : topicNames) {
                    try {
                        consumer.partitionsFor(topic, METADATA_WAIT)
                                .forEach(pi -> partitions.add(new TopicPartition(pi.topic(), pi.partition())));
                    } catch (org.apache.kafka.common.errors.TimeoutException e) {
                        // one visible line per attempt, naming the address and what to check
                        String why = "the live feed cannot reach Kafka at " + bootstrapServers + " or " + topic
                                + " does not exist yet: no metadata within " + METADATA_WAIT.toSeconds() + " s";
                        LOG.warn("{} (check --bootstrap-servers and --topic-prefix); retrying", why);
                        store.markNotReady(why);
                    }
                }
                if (partitions.stream().map(TopicPartition::topic).distinct().count() == topicNames.size()) {
                    break;
                }
                LOG.info("waiting for topics {} to exist", topicNames);
                Thread.sleep(5_000);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long nextCheck = 0;
            while (running.get()) {
                if (System.nanoTime() - nextCheck >= 0) {
                    checkCaughtUp(partitions);
                    nextCheck = System.nanoTime() + CATCH_UP_CHECK.toNanos();
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue; // compaction tombstone
                    }
                    try {
                        if (r.topic().equals(topics.incidents.name())) {
                            CorrelatedIncident i = incidentSerde.deserialize(r.topic(), r.value());
                            store.accept(AvroViews.incident(i));
                        } else {
                            ServiceHealth h = healthSerde.deserialize(r.topic(), r.value());
                            store.accept(AvroViews.health(h));
                        }
                    } catch (RuntimeException e) {
                        undecodable.incrementAndGet();
                        LOG.warn("skipping undecodable record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Marks the store ready when every partition has been read up to its end offset (the last stable
     * offset, as the feed reads committed records only), and not ready while it lags or while Kafka
     * does not answer for the end offsets: then the live answers would be stale or empty.
     */
    private void checkCaughtUp(List<TopicPartition> partitions) {
        long behind = 0;
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, CATCH_UP_CHECK);
            for (TopicPartition tp : partitions) {
                behind += Math.max(0, ends.getOrDefault(tp, 0L) - consumer.position(tp, CATCH_UP_CHECK));
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            store.markNotReady("the live feed cannot reach Kafka: no end offsets for " + topicNames + " within "
                    + CATCH_UP_CHECK.toSeconds() + " s");
            return;
        }
        if (behind == 0) {
            store.markReady();
        } else {
            store.markNotReady("the live feed is catching up with Kafka: " + behind + " records of " + topicNames
                    + " not read yet");
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5_000);
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
