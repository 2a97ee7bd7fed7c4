package io.faultline.streams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageObservation;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver with typed input and output topics for the streams tests. */
public final class TopologyHarness implements AutoCloseable {

    public final Topics topics = Topics.defaults();
    public final SchemaRegistry registry;
    public final TopologyTestDriver driver;
    public final TestOutputTopic<String, ServiceSignal> signals;
    public final TestOutputTopic<String, ServiceHealth> health;
    public final TestOutputTopic<String, DeadLetter> deadLetters;

    public TopologyHarness(SchemaRegistry registry, Topology topology, Path stateDir) {
        this.registry = registry;
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "faultline-streams-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, p);
        signals = driver.createOutputTopic(topics.signals.name(), new StringDeserializer(), topics.signals.serde(registry));
        health = driver.createOutputTopic(topics.serviceHealth.name(), new StringDeserializer(), topics.serviceHealth.serde(registry));
        deadLetters = driver.createOutputTopic(topics.deadLetters.name(), new StringDeserializer(), topics.deadLetters.serde(registry));
    }

    public void catalog(List<CatalogEntry> entries) {
        TestInputTopic<String, CatalogEntry> in = driver.createInputTopic(topics.catalog.name(), new StringSerializer(),
                topics.catalog.serde(registry));
        for (CatalogEntry e : entries) {
            in.pipeInput(e.getEntityId(), e, e.getEventTime());
        }
    }

    /** Pipes raw records to their topic, keyed as the ingestion adapters key them. */
    public void raw(List<Fixtures.Timed> records) {
        for (Fixtures.Timed r : records) {
            raw(r.value(), r.time());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void raw(SpecificRecord value, java.time.Instant time) {
        Topics.Topic topic;
        String key;
        if (value instanceof ProbeResult p) {
            topic = topics.rawProbe;
            key = p.getTargetId();
        } else if (value instanceof StatusPageObservation o) {
            topic = topics.rawStatusPage;
            key = o.getPageId();
        } else if (value instanceof SocialPost s) {
            topic = topics.rawSocial;
            key = s.getPostId();
        } else if (value instanceof ProbeConnectionEvent e) {
            topic = topics.rawProbeConnection;
            key = Long.toString(e.getProbeId());
        } else {
            throw new IllegalArgumentException(value.getClass().getName());
        }
        TestInputTopic in = driver.createInputTopic(topic.name(), new StringSerializer(), topic.serde(registry));
        in.pipeInput(key, value, time);
    }

    public void rawBytes(String topic, String key, byte[] bytes, java.time.Instant time) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, bytes, time);
    }

    public void signal(ServiceSignal s) {
        driver.createInputTopic(topics.signals.name(), new StringSerializer(), topics.signals.serde(registry))
                .pipeInput(s.getEntityId(), s, s.getEventTime());
    }

    public static <T> List<T> values(TestOutputTopic<String, T> topic) {
        return new ArrayList<>(topic.readValuesToList());
    }

    @Override
    public void close() {
        driver.close();
    }
}
