package io.faultline.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.faultline.app.embedded.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lag per partition against a real KRaft broker: records written minus what the group committed,
 * per partition, with records of an open transaction not counted (read_committed end).
 */
class ConsumerGroupLagIT {

    @TempDir
    Path workDir;

    @Test
    void lagIsTheCommittedEndMinusTheGroupsOffsetPerPartition() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka"))) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            TopicPartition p0 = new TopicPartition("lag-test", 0);
            TopicPartition p1 = new TopicPartition("lag-test", 1);
            try (Admin admin = Admin.create(p)) {
                admin.createTopics(List.of(new NewTopic("lag-test", 2, (short) 1))).all().get();
                Properties pp = new Properties();
                pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
                try (KafkaProducer<String, String> plain = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                    for (int i = 0; i < 10; i++) {
                        plain.send(new ProducerRecord<>("lag-test", 0, "k", "v" + i));
                    }
                    for (int i = 0; i < 4; i++) {
                        plain.send(new ProducerRecord<>("lag-test", 1, "k", "v" + i));
                    }
                    plain.flush();
                }
                admin.alterConsumerGroupOffsets("lag-group", Map.of(p0, new OffsetAndMetadata(3), p1, new OffsetAndMetadata(4)))
                        .all().get();
                pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test-tx");
                try (KafkaProducer<String, String> tx = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                    tx.initTransactions();
                    tx.beginTransaction();
                    for (int i = 0; i < 5; i++) {
                        tx.send(new ProducerRecord<>("lag-test", 1, "k", "open" + i));
                    }
                    tx.flush();
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    try (ConsumerGroupLag lag = ConsumerGroupLag.start(kafka.bootstrapServers(), List.of("lag-group"), registry,
                            java.time.Duration.ofHours(1))) {
                        lag.refresh();
                        assertThat(lag.lag("lag-group", p0)).isEqualTo(7);
                        assertThat(lag.lag("lag-group", p1)).as("an open transaction is not lag yet").isZero();
                        assertThat(registry.get("faultline.consumer.lag.records").tag("group", "lag-group")
                                .tag("topic", "lag-test").tag("partition", "0").gauge().value()).isEqualTo(7.0);
                        tx.commitTransaction();
                        // the commit marker is written after commitTransaction returns: poll for it
                        await("the commit marker").atMost(java.time.Duration.ofSeconds(15)).pollDelay(java.time.Duration.ZERO)
                                .pollInterval(java.time.Duration.ofMillis(100)).pollInSameThread().until(() -> {
                                    lag.refresh();
                                    return lag.lag("lag-group", p1) != 0;
                                });
                        // five records and the commit marker
                        assertThat(lag.lag("lag-group", p1)).isEqualTo(6);
                    }
                }
            }
        }
    }
}
