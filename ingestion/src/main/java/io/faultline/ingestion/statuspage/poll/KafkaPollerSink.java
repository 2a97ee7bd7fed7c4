package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import io.faultline.schemas.Topics;
import io.faultline.schemas.ClientSettings;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the poller's output to Kafka: observations to raw.statuspage (key = page id), dead letters
 * to the dlq (key = source), and the page state to the compacted poller-state topic (key = page
 * id). One idempotent producer; the state is sent only after the page's observations are
 * acknowledged, so a crash can repeat changes (same natural ids, dropped downstream) but never
 * lose them.
 */
public final class KafkaPollerSink implements PollerSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaPollerSink.class);

    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroSerde<StatusPageObservation> observations;
    private final AvroSerde<DeadLetter> deadLetters;
    private final AvroSerde<StatusPagePollerState> states;

    public KafkaPollerSink(String bootstrapServers, Topics topics, SchemaRegistry registry) {
        this.topics = topics;
        this.observations = topics.rawStatusPage.serde(registry);
        this.deadLetters = topics.deadLetters.serde(registry);
        this.states = topics.statusPagePollerState.serde(registry);
        Properties p = ClientSettings.idempotentProducer(bootstrapServers, "faultline-statuspage-poller");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(String pageId, List<StatusPageObservation> changes, List<DeadLetter> dead,
                        StatusPagePollerState state) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (StatusPageObservation o : changes) {
            String topic = topics.rawStatusPage.name();
            sent.add(producer.send(new ProducerRecord<>(topic, null, o.getObservedAt().toEpochMilli(), pageId,
                    observations.serialize(topic, o))));
        }
        for (DeadLetter d : dead) {
            String topic = topics.deadLetters.name();
            sent.add(producer.send(new ProducerRecord<>(topic, null, d.getEventTime().toEpochMilli(), d.getSource(),
                    deadLetters.serialize(topic, d))));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused a record of page " + pageId + ": " + e.getCause(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing page " + pageId, e);
            }
        }
        if (state != null) {
            String topic = topics.statusPagePollerState.name();
            producer.send(new ProducerRecord<>(topic, null, state.getEventTime().toEpochMilli(), pageId,
                    states.serialize(topic, state)), (md, e) -> {
                        if (e != null) {
                            // the changes are out; a lost state only means they may be repeated after a restart
                            LOG.warn("{}: poller state not saved: {}", pageId, e.toString());
                        }
                    });
        }
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
    }
}
