package io.faultline.schemas;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings Faultline's writers and state readers share, said once: a writer's
 * records arrive once and in order, and a reader starts where it chooses, not at a group offset.
 * Callers add what is theirs (linger, isolation level) to the returned settings.
 */
public final class ClientSettings {

    private ClientSettings() {
    }

    /** acks=all with idempotence: a broker failover neither loses nor doubles a record. */
    public static Properties idempotentProducer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }

    /** A consumer that assigns its partitions and seeks itself: no offsets are committed. */
    public static Properties assigningConsumer(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return p;
    }
}
