package io.faultline.ingestion.social.stream;

import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.FirstSendFailure;
import io.faultline.schemas.ClientSettings;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;

/**
 * Writes posts to raw.social (key = post id, record time = post time) and dead letters to the
 * dead-letter topic (key = source), both through the project's registry serde. One idempotent
 * producer; a failed send is kept and rethrown by the next call, so a broken broker stops the
 * ingester instead of losing posts quietly.
 */
public final class KafkaSocialSink implements SocialSink {

    private final Producer<String, byte[]> producer;
    private final String postTopic;
    private final String dlqTopic;
    private final Serializer<SocialPost> posts;
    private final Serializer<DeadLetter> deadLetters;
    private final FirstSendFailure failure = new FirstSendFailure();

    public KafkaSocialSink(Producer<String, byte[]> producer, Topics topics, SchemaRegistry registry) {
        this.producer = producer;
        this.postTopic = topics.rawSocial.name();
        this.dlqTopic = topics.deadLetters.name();
        this.posts = topics.rawSocial.serde(registry).serializer();
        this.deadLetters = topics.deadLetters.serde(registry).serializer();
    }

    /** A sink with its own idempotent producer ({@code acks=all}). */
    public static KafkaSocialSink create(String bootstrapServers, Topics topics, SchemaRegistry registry) {
        Properties p = ClientSettings.idempotentProducer(bootstrapServers, "faultline-ingest-social");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        return new KafkaSocialSink(new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()), topics, registry);
    }

    @Override
    public void post(SocialPost post) {
        rethrow();
        producer.send(new ProducerRecord<>(postTopic, null, post.getEventTime().toEpochMilli(), post.getPostId(),
                posts.serialize(postTopic, post)), failure);
    }

    @Override
    public void deadLetter(DeadLetter d) {
        rethrow();
        producer.send(new ProducerRecord<>(dlqTopic, null, d.getEventTime().toEpochMilli(), d.getSource(),
                deadLetters.serialize(dlqTopic, d)), failure);
    }

    private void rethrow() {
        failure.throwIfAny(e -> new StreamFailure("writing to Kafka failed: " + e.getMessage(), e));
    }

    @Override
    public void flush() {
        producer.flush();
        rethrow();
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
