package io.faultline.ingestion.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import io.faultline.avro.DeadLetter;
import io.faultline.ingestion.DeadLetters;
import io.faultline.ingestion.FirstSendFailure;
import io.faultline.ingestion.Rejected;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.schemas.serde.SerdeException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces a {@link ReplaySource} to the raw topics: one idempotent producer, keyed records (so each
 * key keeps its order), the event time as the Kafka record timestamp, values in the Confluent wire
 * format through the project's serde. What the source could not read, and any value the serde
 * cannot encode, goes to the dead-letter topic keyed by source. Paced by event time divided by
 * {@code speed} (60 = an hour of events per minute), or as fast as possible when speed is 0.
 */
public final class ReplayProducer implements AutoCloseable {

    /** A progress report, emitted at most every {@code progressEvery} of wall time. */
    public record Progress(long sent, Instant eventTime, Duration elapsed) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final SchemaRegistry registry;
    private final Clock clock;
    private final Map<RawKind, AvroSerde<?>> serdes = new EnumMap<>(RawKind.class);
    private final AvroSerde<DeadLetter> deadLetterSerde;
    private final FirstSendFailure sendFailure = new FirstSendFailure();

    /** @param producerConfig at least {@code bootstrap.servers}; acks=all and idempotence are forced on */
    public ReplayProducer(Map<String, Object> producerConfig, Topics topics, SchemaRegistry registry, Clock clock) {
        Properties p = new Properties();
        p.putAll(producerConfig);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.registry = registry;
        this.clock = clock;
        this.deadLetterSerde = topics.deadLetters.serde(registry);
    }

    public static Map<String, Object> config(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers: required, e.g. localhost:9092");
        }
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // one request in flight: with five, a retried first batch on a just-created partition could
        // arrive after a later batch had been accepted, and the broker answered the fatal
        // OutOfOrderSequenceException (ReplayIT, replaying into new again.* topics)
        c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return c;
    }

    /**
     * Sends every event of {@code source}, then flushes; fails if the broker refused any record.
     *
     * @param speed         event-time seconds per wall second; 0 or less = as fast as possible
     * @param progressEvery how often {@code progress} hears about it
     */
    public ReplayStats replay(ReplaySource source, double speed, Duration progressEvery, Consumer<Progress> progress)
            throws InterruptedException {
        Map<RawKind, Long> counts = new EnumMap<>(RawKind.class);
        for (RawKind k : RawKind.values()) {
            counts.put(k, 0L);
        }
        long startNanos = System.nanoTime();
        long lastProgress = startNanos;
        long deadLetters = 0;
        int rejectedSent = 0;
        Instant first = null;
        Instant last = null;
        long sent = 0;
        Iterator<RawEvent> it = source.events();
        while (it.hasNext()) {
            RawEvent e = it.next();
            if (first == null) {
                first = e.eventTime();
            }
            last = e.eventTime();
            if (speed > 0) {
                pace(startNanos, first, e.eventTime(), speed);
            }
            if (send(e)) {
                counts.merge(e.kind(), 1L, Long::sum);
                sent++;
            } else {
                deadLetters++;
            }
            failIfRefused();
            if (System.nanoTime() - lastProgress >= progressEvery.toNanos()) {
                lastProgress = System.nanoTime();
                int before = rejectedSent;
                rejectedSent = sendRejected(source, rejectedSent);
                deadLetters += rejectedSent - before;
                progress.accept(new Progress(sent, e.eventTime(), Duration.ofNanos(lastProgress - startNanos)));
            }
        }
        int before = rejectedSent;
        rejectedSent = sendRejected(source, rejectedSent);
        deadLetters += rejectedSent - before;
        producer.flush();
        failIfRefused();
        return new ReplayStats(counts, deadLetters, first, last, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static void pace(long startNanos, Instant first, Instant at, double speed) throws InterruptedException {
        long dueNanos = startNanos + (long) (Duration.between(first, at).toNanos() / speed);
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            // pacing, not waiting for a condition: the event is simply not due yet
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean send(RawEvent e) {
        Topics.Topic<?> topic = e.kind().topic(topics);
        AvroSerde serde = serdes.computeIfAbsent(e.kind(), k -> k.topic(topics).serde(registry));
        byte[] value;
        try {
            value = serde.serialize(topic.name(), e.value());
        } catch (SerdeException ex) {
            if (ex.kind() == SerdeException.Kind.REGISTRY_UNAVAILABLE) {
                throw ex; // transient and not the record's fault: stop rather than dead-letter good data
            }
            sendDeadLetter(new Rejected("replay." + e.kind().name().toLowerCase(), ex.kind().name(), ex.getMessage(),
                    e.value().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("key", e.key(),
                    "topic", topic.name())));
            return false;
        }
        producer.send(new ProducerRecord<>(topic.name(), null, e.eventTime().toEpochMilli(), e.key(), value), sendFailure);
        return true;
    }

    private int sendRejected(ReplaySource source, int alreadySent) {
        List<Rejected> all = source.rejected();
        for (int i = alreadySent; i < all.size(); i++) {
            sendDeadLetter(all.get(i));
        }
        return all.size();
    }

    private void sendDeadLetter(Rejected r) {
        DeadLetter dl = DeadLetters.of(r, clock.instant());
        byte[] value = deadLetterSerde.serialize(topics.deadLetters.name(), dl);
        producer.send(new ProducerRecord<>(topics.deadLetters.name(), null, dl.getEventTime().toEpochMilli(), r.source(), value),
                sendFailure);
    }

    private void failIfRefused() {
        sendFailure.throwIfAny(ex -> new IllegalStateException("the broker refused a record: " + ex.getMessage(), ex));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
