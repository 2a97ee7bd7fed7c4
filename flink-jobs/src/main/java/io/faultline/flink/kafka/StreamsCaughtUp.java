package io.faultline.flink.kafka;

import io.faultline.flink.correlation.UpstreamGate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Consumer groups are caught up: each has committed, on every partition of its input topics, the topic's end offset.
 * The correlation job asks it of the Kafka Streams application (normalise and health) and of its own input groups,
 * which commit at checkpoints: only then has every record written upstream been read and taken into the job's state,
 * so a quiet input means the end of the input, not a stall (a checkpoint's alignment under load, a slow fetch). On a
 * topic written in exactly-once transactions (signals, service health) one offset of lag is allowed: the commit
 * marker after the last record, which a group can have committed just before. A group that does not exist (another
 * application id, Streams not started) or a broker that does not answer within two seconds counts as not caught up.
 */
public final class StreamsCaughtUp implements UpstreamGate {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsCaughtUp.class);
    private static final long TIMEOUT_MILLIS = 2_000;
    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final Map<String, List<String>> topicsByGroup;
    private final Set<String> transactionalTopics;
    private transient Admin admin;
    private transient boolean warned;

    /**
     * @param topicsByGroup       each consumer group (a Streams application id, a job's input group) with every topic
     *                            it consumes
     * @param transactionalTopics those among the topics written exactly once (one marker of lag allowed)
     */
    public StreamsCaughtUp(String bootstrapServers, Map<String, List<String>> topicsByGroup, Set<String> transactionalTopics) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topicsByGroup = new java.util.LinkedHashMap<>();
        topicsByGroup.forEach((group, topics) -> this.topicsByGroup.put(Objects.requireNonNull(group, "group"),
                List.copyOf(topics)));
        this.transactionalTopics = Set.copyOf(transactionalTopics);
    }

    @Override
    public boolean caughtUp() {
        try {
            for (Map.Entry<String, List<String>> group : topicsByGroup.entrySet()) {
                if (!caughtUp(group.getKey(), group.getValue())) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            if (!warned) {
                LOG.warn("cannot tell whether the consumer groups {} are caught up ({}); incidents wait for the "
                        + "watermark", topicsByGroup.keySet(), e.getMessage());
                warned = true;
            }
            return false;
        }
    }

    private boolean caughtUp(String groupId, List<String> inputTopics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin().describeTopics(inputTopics).allTopicNames().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        var ends = admin().listOffsets(latest).all().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        for (var end : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            long lag = end.getValue().offset() - (at == null ? 0 : at.offset());
            long allowed = transactionalTopics.contains(end.getKey().topic()) ? 1 : 0;
            if (lag > allowed) {
                return false;
            }
        }
        return true;
    }

    private Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MILLIS);
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT_MILLIS);
            admin = Admin.create(p);
        }
        return admin;
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
