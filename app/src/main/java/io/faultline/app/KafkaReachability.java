package io.faultline.app;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checked at the start of every command that talks to Kafka, with a bounded wait: the broker answers,
 * and the topics the command needs exist. Without it a wrong address or a mistyped
 * {@code --topic-prefix} meant minutes of silence (clients retry forever by design); with it the
 * command says within {@link #WAIT} what it could not reach, by name, and how to fix it.
 */
final class KafkaReachability {

    static final Duration WAIT = Duration.ofSeconds(20);

    private KafkaReachability() {
    }

    /** Throws (exit code 4) unless the broker answers and every named topic exists. */
    static void require(String bootstrapServers, List<String> topics) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing;
            try {
                admin.describeCluster().clusterId().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                existing = new TreeSet<>(admin.listTopics().names().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException | ExecutionException e) {
                throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "no Kafka broker answered at "
                        + bootstrapServers + " within " + WAIT.toSeconds() + " s: check --bootstrap-servers and that the "
                        + "broker is running and reachable from here");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ErrorReport.ExitCodeException(ErrorReport.FAILURE, "interrupted while reaching Kafka at "
                        + bootstrapServers);
            }
            List<String> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(t);
                }
            }
            if (!missing.isEmpty()) {
                throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "topic(s) " + String.join(", ", missing)
                        + " do not exist at " + bootstrapServers + ": check --topic-prefix, or create the pipeline's topics "
                        + "(the streams app and 'faultline run correlation' create theirs at start; see docs/running.md)");
            }
        }
    }
}
