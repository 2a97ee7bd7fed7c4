package io.faultline.app.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeResult;
import io.faultline.flink.WiringCheckJob;
import io.faultline.flink.kafka.KafkaIO;
import io.faultline.flink.kafka.RegistryRef;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real round trip through the embedded stack: Avro records are written to {@code raw.probe}
 * through the schema registry, read and re-written by {@link WiringCheckJob} on the Flink mini
 * cluster, and read back from {@code wiring-check}; malformed payloads must come out on the
 * dead-letter topic instead.
 */
public final class WiringCheck {

    private static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(200);

    /** What was sent and what came back. */
    public record Result(List<ProbeResult> sent, List<ProbeResult> received, List<DeadLetter> deadLetters,
                         int schemaId, Duration elapsed) {
    }

    private WiringCheck() {
    }

    public static Result run(EmbeddedStack stack, List<ProbeResult> records, List<byte[]> malformed,
                             Duration timeout, Consumer<String> progress) throws Exception {
        Instant start = Instant.now();
        Topics topics = stack.topics();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));

        StreamExecutionEnvironment env = stack.flink().environment();
        env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
        env.setParallelism(2);
        new WiringCheckJob(new KafkaIO(stack.bootstrapServers(), new RegistryRef(stack.registryUrl(), true)), topics)
                .build(env, false);
        JobClient job = env.executeAsync(WiringCheckJob.NAME);
        progress.accept("submitted Flink job " + WiringCheckJob.NAME + " (" + job.getJobID() + ")");
        try {
            var probeSerde = topics.rawProbe.serde(registry);
            Properties pp = producerProps(stack.bootstrapServers());
            try (KafkaProducer<String, ProbeResult> producer = new KafkaProducer<>(pp, new StringSerializer(), probeSerde);
                 KafkaProducer<byte[], byte[]> rawProducer = new KafkaProducer<>(pp, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (ProbeResult r : records) {
                    producer.send(new ProducerRecord<>(topics.rawProbe.name(), null, r.getEventTime().toEpochMilli(), r.getTargetId(), r)).get();
                }
                for (byte[] bad : malformed) {
                    rawProducer.send(new ProducerRecord<>(topics.rawProbe.name(), "malformed".getBytes(), bad)).get();
                }
            }
            int schemaId = registry.idFor(topics.rawProbe.name(), SchemaRegistry.valueSubject(topics.rawProbe.name()),
                    ProbeResult.getClassSchema());
            progress.accept("produced " + records.size() + " Avro records (schema id " + schemaId + ", subject "
                    + SchemaRegistry.valueSubject(topics.rawProbe.name()) + ") and " + malformed.size()
                    + " malformed payload(s) to " + topics.rawProbe.name());

            Instant deadline = start.plus(timeout);
            List<ProbeResult> received = readUntil(stack, topics.wiringCheck.name(), topics.wiringCheck.serde(registry),
                    records.size(), deadline);
            List<DeadLetter> deadLetters = readUntil(stack, topics.deadLetters.name(), topics.deadLetters.serde(registry),
                    malformed.size(), deadline);
            return new Result(List.copyOf(records), received, deadLetters, schemaId, Duration.between(start, Instant.now()));
        } finally {
            job.cancel().get();
        }
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    private static <V> List<V> readUntil(EmbeddedStack stack, String topic, Deserializer<V> values, int expected,
                                         Instant deadline) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "faultline-wiring-check-reader-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            while (out.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, V> r : consumer.poll(POLL)) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    /** A few well-formed probe results against catalog-style targets, marked as test data by their vantage name. */
    static List<ProbeResult> sampleRecords(Instant now) {
        String[][] targets = {{"coinbase", "api.coinbase.com"}, {"slack", "slack.com"}, {"venmo", "venmo.com"},
                {"dydx", "dydx.exchange"}, {"binance", "api.binance.com"}};
        return java.util.stream.Stream.of(targets).map(t -> ProbeResult.newBuilder()
                .setResultId("wiring-check:" + t[0] + ":" + now.toEpochMilli())
                .setSource(io.faultline.avro.ProbeSource.OTHER)
                .setProbeType(io.faultline.avro.ProbeType.HTTP)
                .setTargetId(t[0])
                .setTargetHost(t[1])
                .setVantage("wiring-check")
                .setSuccess(true)
                .setStatusCode(200)
                .setErrorKind(io.faultline.avro.ProbeErrorKind.NONE)
                .setTotalMs(0.0)
                .setEventTime(now)
                .setObservedAt(now)
                .build()).toList();
    }
}
