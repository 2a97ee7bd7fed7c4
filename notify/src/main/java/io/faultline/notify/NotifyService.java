package io.faultline.notify;

import io.faultline.avro.AlertDelivery;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.notify.channel.ChannelFormat;
import io.faultline.notify.delivery.BackOff;
import io.faultline.notify.delivery.ChannelWorker;
import io.faultline.notify.delivery.DeliveryMetrics;
import io.faultline.notify.delivery.HttpSender;
import io.faultline.notify.delivery.KafkaDeliveryRecords;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.schemas.serde.SerdeException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notify stage: reads the incidents topic (read_committed: only revisions the correlation job committed), lets
 * each subscription's {@link AlertDecider} pick the alerts, and hands them to that subscription's
 * {@link ChannelWorker}.
 *
 * <p>Restart: the delivery log ({@code notify-deliveries}, compacted) is read to its end before anything else and
 * restores every decider; then the incidents topic is read from the beginning (it is compacted too, so this is
 * one record per incident plus recent revisions). A revision the log holds, or one older, decides nothing, so
 * nothing acknowledged is sent again; a revision sent but not yet logged when the process died is sent again with
 * the same idempotency key. No consumer-group offsets are used: the log is the one record of what was sent.
 */
public final class NotifyService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotifyService.class);
    static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final List<AlertDecider> deciders = new ArrayList<>();
    private final List<ChannelWorker> workers = new ArrayList<>();
    private final KafkaDeliveryRecords records;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroSerde<CorrelatedIncident> incidents;
    private final String incidentsTopic;
    private final Thread thread;
    private final AtomicLong revisionsRead = new AtomicLong();
    private final int restored;
    private volatile boolean running = true;
    /** nanoTime of the last poll that found the topic read to its end (0: never). */
    private volatile long caughtUpAt;
    private volatile Throwable failure;

    private NotifyService(String bootstrapServers, Topics topics, SchemaRegistry registry,
                          SubscriptionsFile.Contents subscriptions, HttpSender sender, BackOff backOff,
                          DeliveryMetrics metrics, Clock clock) {
        List<AlertDelivery> log = KafkaDeliveryRecords.readAll(bootstrapServers, topics, registry, RESTORE_TIMEOUT);
        restored = log.size();
        records = new KafkaDeliveryRecords(bootstrapServers, topics, registry, clock);
        for (Subscription s : subscriptions.subscriptions()) {
            AlertDecider d = new AlertDecider(s);
            log.stream().filter(r -> r.getSubscriptionId().equals(s.id())).forEach(r -> d.restore(r.getIncidentId(),
                    r.getRevision(), AlertKind.valueOf(r.getKind().name()), new Alert.Delivered(r.getCauseId(), r.getState(),
                            new java.util.TreeSet<>(r.getAffected())), r.getIncidentEventTime()));
            deciders.add(d);
            workers.add(new ChannelWorker(s, ChannelFormat.of(s, subscriptions.apiUrl()), sender, records, records,
                    backOff, metrics));
        }
        incidentsTopic = topics.incidents.name();
        incidents = topics.incidents.serde(registry);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "faultline-notify");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(incidentsTopic, RESTORE_TIMEOUT).stream()
                .map(i -> new TopicPartition(incidentsTopic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "faultline-notify-incidents");
        thread.setDaemon(true);
    }

    /** Restores the deciders from the delivery log, then starts following the incidents topic. */
    public static NotifyService start(String bootstrapServers, Topics topics, SchemaRegistry registry,
                                      SubscriptionsFile.Contents subscriptions, DeliveryMetrics metrics) {
        return start(bootstrapServers, topics, registry, subscriptions, HttpSender.jdk(Duration.ofSeconds(10)),
                BackOff.DEFAULT, metrics);
    }

    public static NotifyService start(String bootstrapServers, Topics topics, SchemaRegistry registry,
                                      SubscriptionsFile.Contents subscriptions, HttpSender sender, BackOff backOff,
                                      DeliveryMetrics metrics) {
        NotifyService s = new NotifyService(bootstrapServers, topics, registry, subscriptions, sender, backOff, metrics,
                Clock.systemUTC());
        s.thread.start();
        return s;
    }

    /** Deliveries restored from the log at start. */
    public int restored() {
        return restored;
    }

    private void run() {
        try {
            while (running) {
                var batch = consumer.poll(Duration.ofMillis(250));
                for (ConsumerRecord<String, byte[]> r : batch) {
                    if (r.value() != null) {
                        handle(r);
                    }
                }
                if (batch.isEmpty()) {
                    // read_committed: the end offsets are the last stable offsets
                    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
                    if (end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                        caughtUpAt = System.nanoTime();
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() was called
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("notify: stopped reading {}: {}", incidentsTopic, e.getMessage(), e);
        } finally {
            consumer.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> r) {
        CorrelatedIncident incident;
        try {
            incident = incidents.deserialize(r.topic(), r.value());
        } catch (SerdeException e) {
            if (e.kind() == SerdeException.Kind.REGISTRY_UNAVAILABLE) {
                throw e; // transient, and the record itself is fine: stop rather than skip it
            }
            records.undecodable(r, e);
            return;
        }
        revisionsRead.incrementAndGet();
        IncidentView v = IncidentView.of(incident);
        for (int i = 0; i < deciders.size(); i++) {
            AlertDecider d = deciders.get(i);
            ChannelWorker w = workers.get(i);
            var alert = d.decide(v);
            if (alert.isPresent()) {
                w.submit(alert.get());
            } else {
                d.standing(v).ifPresent(w::standing);
            }
        }
    }

    /** Incident revisions read so far. */
    public long revisionsRead() {
        return revisionsRead.get();
    }

    /** Why the service stopped, if it did. */
    public Throwable failure() {
        return failure;
    }

    public boolean running() {
        return thread.isAlive();
    }

    /**
     * Waits until the incidents topic has been read to its current end and every worker is idle (all alerts
     * acknowledged or dead-lettered). Returns false at the timeout.
     */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        long asked = System.nanoTime();
        long deadline = asked + timeout.toNanos();
        while (caughtUpAt <= asked) {
            if (System.nanoTime() > deadline || !thread.isAlive()) {
                return false;
            }
            Thread.sleep(100); // poll interval while the consumer thread catches up
        }
        for (ChannelWorker w : workers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !w.awaitIdle(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
        for (ChannelWorker w : workers) {
            w.close();
        }
        records.close();
    }
}
