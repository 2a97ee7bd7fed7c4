package io.faultline.app.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Ready while the Kafka cluster answers a describe-cluster request within {@link #TIMEOUT}. One admin
 * client is kept for the life of the check (creating one per probe costs a metadata round trip and
 * threads); it is closed with the check.
 */
public final class KafkaReadiness implements ReadinessCheck, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrapServers;
    private final Admin admin;

    public KafkaReadiness(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        // a broker that is gone must not make the client reconnect in a tight loop
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "faultline-readiness");
        this.admin = Admin.create(p);
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Optional<String> problem() {
        try {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).size();
            return nodes > 0 ? Optional.empty() : Optional.of(bootstrapServers + " answered with no brokers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return Optional.of(bootstrapServers + " not reachable within " + TIMEOUT.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
