package io.faultline.notify.delivery;

import io.faultline.avro.AlertDelivery;
import io.faultline.avro.DeadLetter;
import io.faultline.notify.Alert;
import io.faultline.notify.Subscription;
import io.faultline.notify.channel.Outgoing;
import io.faultline.schemas.CompactedTopic;
import io.faultline.schemas.ClientSettings;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The delivery log and the dead letters on Kafka. The log is the compacted {@code notify-deliveries} topic keyed
 * {@code <subscription>|<incident>}: compaction keeps the latest acknowledged revision per pair, which is all a
 * restart needs, so the log stays as small as the set of incidents. Writes are synchronous (acks=all, idempotent
 * producer): an alert counts as delivered only once its record is durable.
 */
public final class KafkaDeliveryRecords implements DeliveryLog, DeadLetterSink, AutoCloseable {

    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    private final Topics topics;
    private final AvroSerde<AlertDelivery> deliveries;
    private final AvroSerde<DeadLetter> deadLetterSerde;
    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock;

    public KafkaDeliveryRecords(String bootstrapServers, Topics topics, SchemaRegistry registry, Clock clock) {
        this.topics = topics;
        this.deliveries = topics.notifyDeliveries.serde(registry);
        this.deadLetterSerde = topics.deadLetters.serde(registry);
        this.clock = clock;
        Properties p = ClientSettings.idempotentProducer(bootstrapServers, "faultline-notify-deliveries");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public static String key(String subscriptionId, String incidentId) {
        return subscriptionId + "|" + incidentId;
    }

    @Override
    public void acknowledged(Subscription s, Alert a, Instant at) {
        AlertDelivery d = AlertDelivery.newBuilder()
                .setSubscriptionId(s.id())
                .setIncidentId(a.incident().id())
                .setRevision(a.incident().revision())
                .setKind(io.faultline.avro.AlertKind.valueOf(a.kind().name()))
                .setChannel(s.channel().fileName())
                .setCauseId(a.incident().causeId())
                .setState(a.incident().state())
                .setAffected(a.affected().stream().map(m -> m.id()).sorted().toList())
                .setIncidentEventTime(a.incident().eventTime())
                .setEventTime(at)
                .build();
        String topic = topics.notifyDeliveries.name();
        write(new ProducerRecord<>(topic, key(s.id(), a.incident().id()), deliveries.serialize(topic, d)));
    }

    @Override
    public void deadLetter(Subscription s, Alert a, Outgoing request, String reason, int attempts) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("subscription", s.id());
        context.put("channel", s.channel().fileName());
        context.put("incident", a.incident().id());
        context.put("revision", Long.toString(a.incident().revision()));
        context.put("alert", a.kind().wireName());
        context.put("attempts", Integer.toString(attempts));
        // the receiver's host only: a Slack URL's path is a credential
        context.put("receiver", request.uri().getScheme() + "://" + request.uri().getAuthority());
        DeadLetter d = DeadLetter.newBuilder()
                .setSource("notify." + s.id())
                .setErrorType("DELIVERY_FAILED")
                .setReason(reason)
                .setPayload(ByteBuffer.wrap(redacted(s, request.body())))
                .setKey(ByteBuffer.wrap(a.idempotencyKey().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setContext(context)
                .setEventTime(clock.instant())
                .build();
        String topic = topics.deadLetters.name();
        write(new ProducerRecord<>(topic, "notify." + s.id(), deadLetterSerde.serialize(topic, d)));
    }

    /** An incidents record notify cannot decode, kept whole with the reason (the stage goes on with the next). */
    public void undecodable(ConsumerRecord<String, byte[]> r, io.faultline.schemas.serde.SerdeException e) {
        DeadLetter d = DeadLetter.newBuilder()
                .setSource(r.topic())
                .setReason(e.getMessage())
                .setErrorType(e.kind().name())
                .setPayload(ByteBuffer.wrap(r.value()))
                .setKey(r.key() == null ? null : ByteBuffer.wrap(r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setOriginalTopic(r.topic())
                .setOriginalPartition(r.partition())
                .setOriginalOffset(r.offset())
                .setContext(Map.of("decoder", "notify"))
                .setEventTime(Instant.ofEpochMilli(r.timestamp()))
                .build();
        String topic = topics.deadLetters.name();
        write(new ProducerRecord<>(topic, r.topic(), deadLetterSerde.serialize(topic, d)));
    }

    /** The body as sent, with the subscription's secret (a PagerDuty routing key is in the body) taken out. */
    private static byte[] redacted(Subscription s, byte[] body) {
        if (s.secret() == null) {
            return body;
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.replace(s.secret(), "<redacted>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void write(ProducerRecord<String, byte[]> r) {
        try {
            producer.send(r).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + r.topic(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write to " + r.topic() + ": " + e.getMessage(), e);
        }
    }

    /** Every delivery in the log, latest per subscription and incident, read to the end of the topic. */
    public static List<AlertDelivery> readAll(String bootstrapServers, Topics topics, SchemaRegistry registry,
                                              Duration timeout) {
        String topic = topics.notifyDeliveries.name();
        AvroSerde<AlertDelivery> serde = topics.notifyDeliveries.serde(registry);
        Properties p = ClientSettings.assigningConsumer(bootstrapServers, "faultline-notify-restore");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, AlertDelivery> latest = new HashMap<>();
        CompactedTopic.readToEnd(p, topic, timeout, r -> {
            if (r.key() == null) {
                return;
            }
            if (r.value() == null) {
                latest.remove(r.key());
            } else {
                latest.put(r.key(), serde.deserialize(topic, r.value()));
            }
        });
        return new ArrayList<>(latest.values());
    }

    /**
     * Creates the compacted delivery-log topic if it is missing (broker defaults for partitions and replication);
     * returns whether it did.
     */
    public static boolean ensureTopic(String bootstrapServers, Topics topics, Duration timeout) {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        String name = topics.notifyDeliveries.name();
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            if (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(name)) {
                return false;
            }
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, java.util.Optional.empty(),
                            java.util.Optional.empty()).configs(Map.of(org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_CONFIG,
                            org.apache.kafka.common.config.TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("could not create " + name + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not create " + name + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + name, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
