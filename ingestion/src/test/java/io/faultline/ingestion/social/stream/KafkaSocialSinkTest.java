package io.faultline.ingestion.social.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.DeadLetters;
import io.faultline.ingestion.Rejected;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;

class KafkaSocialSinkTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:47:00Z");
    static final Instant T1 = Instant.parse("2021-12-07T15:47:02Z");

    final Topics topics = Topics.withPrefix("test.");
    final SchemaRegistry registry = new SchemaRegistry(new MockSchemaRegistryClient(), true);

    static SocialPost post() {
        return SocialPost.newBuilder().setPostId("x:1467528519870062593").setPlatform(SocialPlatform.X)
                .setText("Is AWS down?").setAuthorId("2244994945").setEventTime(T0).setObservedAt(T1).build();
    }

    @Test
    void postsAreKeyedByPostIdAndDeadLettersBySourceInTheRegistryWireFormat() {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        KafkaSocialSink sink = new KafkaSocialSink(producer, topics, registry);
        Rejected r = new Rejected("ingest.social.x", "PARSE_ERROR", "invalid JSON", "{\"data\":".getBytes(StandardCharsets.UTF_8),
                Map.of("line", "8"));
        sink.post(post());
        sink.deadLetter(DeadLetters.of(r, T1));
        sink.close();

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::topic).containsExactly("test.raw.social", "test.dlq");
        assertThat(sent).extracting(ProducerRecord::key).containsExactly("x:1467528519870062593", "ingest.social.x");
        assertThat(sent.get(0).timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(sent.get(0).value()[0]).isZero(); // Confluent magic byte
        SocialPost back = topics.rawSocial.serde(registry).deserializer().deserialize("test.raw.social", sent.get(0).value());
        assertThat(back).isEqualTo(post());
        DeadLetter dl = topics.deadLetters.serde(registry).deserializer().deserialize("test.dlq", sent.get(1).value());
        assertThat(dl.getReason()).isEqualTo("invalid JSON");
        assertThat(StandardCharsets.UTF_8.decode(dl.getPayload()).toString()).isEqualTo("{\"data\":");
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aFailedSendStopsTheNextWriteInsteadOfLosingPostsQuietly() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        KafkaSocialSink sink = new KafkaSocialSink(producer, topics, registry);
        sink.post(post());
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"));
        assertThatThrownBy(() -> sink.post(post())).isInstanceOf(StreamFailure.class).hasMessageContaining("broker gone");
    }
}
