package io.faultline.app.embedded;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.faultline.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Creates the pipeline's topics that do not exist yet (compacted where {@link Topics} says so). */
public final class TopicProvisioner {

    static final java.time.Duration LEADER_WAIT = java.time.Duration.ofSeconds(60);

    private TopicProvisioner() {
    }

    /**
     * Returns once every partition of the new topics has a leader. createTopics completes when the
     * controller has accepted them, which can be before the broker leads their partitions; a
     * producer started right then once waited out its 120 s delivery timeout (ReplayIT).
     */
    static void awaitLeaders(Admin admin, List<String> names) throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (true) {
            boolean led;
            try {
                var described = admin.describeTopics(names).allTopicNames().get();
                led = described.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                    throw e;
                }
                led = false; // the broker has not heard of the new topic yet
            }
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + names + " have partitions without a leader after " + LEADER_WAIT);
            }
            Thread.sleep(100); // poll interval while the broker takes leadership
        }
    }

    public static void create(String bootstrapServers, Topics topics, int partitions, short replication)
            throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.all().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), partitions, replication)
                            .configs(t.compacted() ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
