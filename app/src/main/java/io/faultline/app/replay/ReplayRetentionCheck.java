package io.faultline.app.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Refuses a replay into topics that would delete it. A replay keeps each event's original time
 * as the record timestamp (CreateTime), so on a topic with time-based retention a past outage's
 * records are already "older than retention.ms" when they arrive, and the broker deletes them
 * at its next retention check (every 5 minutes by default), possibly before the pipeline has
 * read them. Records are safe when the topic keeps everything ({@code retention.ms=-1}), uses
 * LogAppendTime (but then the event times are lost to consumers), or is compacted without delete.
 */
public final class ReplayRetentionCheck {

    private ReplayRetentionCheck() {
    }

    /** The problem with replaying into {@code topic} given its effective configuration, if any. */
    public static Optional<String> problem(String topic, Map<String, String> config) {
        String policy = config.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            return Optional.empty();
        }
        if ("LogAppendTime".equals(config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG))) {
            return Optional.empty();
        }
        long retention = Long.parseLong(config.getOrDefault(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        if (retention < 0) {
            return Optional.empty();
        }
        return Optional.of(topic + " has retention.ms=" + retention + " (" + Duration.ofMillis(retention)
                + ") with CreateTime timestamps: replayed events older than that are deleted at the broker's next "
                + "retention check. Set retention.ms=-1 on it (kafka-configs.sh --alter --entity-type topics --entity-name "
                + topic + " --add-config retention.ms=-1), replay into topics of their own (--topic-prefix), "
                + "or pass --allow-expiring-records");
    }

    /** Reads the topics' configurations and returns every problem found (topics that do not exist are skipped). */
    static List<String> problems(String bootstrapServers, List<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<String> out = new ArrayList<>();
        try (Admin admin = Admin.create(p)) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = topics.stream().filter(existing::contains)
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (ConfigResource r : resources) {
                Map<String, String> values = new java.util.HashMap<>();
                for (ConfigEntry e : configs.get(r).entries()) {
                    if (e.value() != null) {
                        values.put(e.name(), e.value());
                    }
                }
                problem(r.name(), values).ifPresent(out::add);
            }
        }
        return out;
    }
}
