package io.faultline.ingestion.probe;

import java.time.Clock;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.ingestion.DeadLetters;
import io.faultline.ingestion.FirstSendFailure;
import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.probe.prober.ProbeSink;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;

/**
 * Writes probe records to Kafka through the project's registry serde: results to raw.probe keyed
 * by target id, connection events to raw.probe-connection keyed by probe id, rejected input to
 * the dead-letter topic keyed by source. One producer of bytes carries all three value types.
 * A send that fails is kept and rethrown by {@link #flush()}, so a broken broker stops the
 * import loudly instead of losing records. Thread-safe: the prober's workers share one sink
 * (serialisation is synchronised, the producer itself is thread-safe).
 */
public final class ProbeKafkaSink implements ProbeSink, AtlasImport.Output, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final Serializer<ProbeResult> results;
    private final Serializer<ProbeConnectionEvent> connections;
    private final Serializer<DeadLetter> deadLetters;
    private final Clock clock;
    private final FirstSendFailure failure = new FirstSendFailure();

    public ProbeKafkaSink(Producer<String, byte[]> producer, Topics topics, SchemaRegistry registry, Clock clock) {
        this.producer = producer;
        this.topics = topics;
        this.results = topics.rawProbe.serde(registry).serializer();
        this.connections = topics.rawProbeConnection.serde(registry).serializer();
        this.deadLetters = topics.deadLetters.serde(registry).serializer();
        this.clock = clock;
    }

    @Override
    public void accept(ProbeResult r) {
        result(r);
    }

    @Override
    public synchronized void result(ProbeResult r) {
        String topic = topics.rawProbe.name();
        send(new ProducerRecord<>(topic, null, r.getEventTime().toEpochMilli(), r.getTargetId(), results.serialize(topic, r)));
    }

    @Override
    public synchronized void connection(ProbeConnectionEvent e) {
        String topic = topics.rawProbeConnection.name();
        send(new ProducerRecord<>(topic, null, e.getEventTime().toEpochMilli(), Long.toString(e.getProbeId()),
                connections.serialize(topic, e)));
    }

    @Override
    public synchronized void rejected(Rejected r) {
        String topic = topics.deadLetters.name();
        DeadLetter d = DeadLetters.of(r, clock.instant());
        send(new ProducerRecord<>(topic, null, d.getEventTime().toEpochMilli(), r.source(), deadLetters.serialize(topic, d)));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        failure.throwIfAny(earlier -> new IllegalStateException("an earlier send to Kafka failed: " + earlier.getMessage(),
                earlier));
        producer.send(record, failure);
    }

    /** Waits for every send; throws if any failed. */
    public void flush() {
        producer.flush();
        failure.throwIfAny(e -> new IllegalStateException("sending to Kafka failed: " + e.getMessage(), e));
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }
}
