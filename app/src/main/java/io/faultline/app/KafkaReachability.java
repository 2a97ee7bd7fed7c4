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
public final class KafkaReachability {

    public static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration REGISTRY_WAIT = Duration.ofSeconds(10);
    /** How long a plain TCP connect to a bootstrap address may take before the admin client's bounded wait decides. */
    static final Duration CONNECT_WAIT = Duration.ofSeconds(3);

    private KafkaReachability() {
    }

    /** Throws (exit code 4) unless the broker answers and every named topic exists. */
    static void require(String bootstrapServers, List<String> topics) {
        requireAddresses(bootstrapServers);
        failFastWhenRefused(bootstrapServers);
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WAIT.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        try (Admin admin = create(p, bootstrapServers)) {
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
                        + " do not exist at " + bootstrapServers + ": check --topic-prefix, or create them (e.g. kafka-topics.sh "
                        + "--bootstrap-server " + bootstrapServers + " --create --topic " + missing.get(0)
                        + "; catalog and incidents compacted: see docs/running.md)");
            }
        }
    }

    /**
     * Each address of {@code --bootstrap-servers} is host:port (a usage error, exit 2, otherwise): the
     * Kafka client's own complaint names neither the option nor the form it wants.
     */
    static void requireAddresses(String bootstrapServers) {
        for (String address : bootstrapServers.split(",")) {
            String a = address.strip();
            String port = a.substring(a.lastIndexOf(':') + 1);
            boolean ok = a.lastIndexOf(':') > 0 && port.matches("[0-9]{1,5}") && Integer.parseInt(port) <= 65_535;
            if (!ok) {
                throw new ErrorReport.ExitCodeException(ErrorReport.USAGE, "--bootstrap-servers '" + bootstrapServers
                        + "': '" + a + "' is not host:port (e.g. localhost:9092; several separated by commas)");
            }
        }
    }

    /**
     * When every address refuses the connection (nothing listens there) or does not resolve, there is
     * nothing to wait for: say so at once. Anything else (something answers, or the connect times out)
     * is left to the admin client's bounded wait.
     */
    private static void failFastWhenRefused(String bootstrapServers) {
        List<String> why = new ArrayList<>();
        for (String address : bootstrapServers.split(",")) {
            String a = address.strip();
            int colon = a.lastIndexOf(':');
            String host = a.substring(0, colon).replaceAll("^\\[|]$", "");
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, Integer.parseInt(a.substring(colon + 1))),
                        (int) CONNECT_WAIT.toMillis());
                return;
            } catch (java.net.ConnectException e) {
                why.add(a + " refused the connection");
            } catch (java.net.UnknownHostException e) {
                why.add(a + ": unknown host");
            } catch (java.io.IOException e) {
                return;
            }
        }
        throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "no Kafka broker answered at " + bootstrapServers
                + ": " + String.join(", ", why) + ": check --bootstrap-servers and that the broker is running and reachable "
                + "from here");
    }

    /** The admin client, or exit code 4 naming the servers when none of their host names resolves. */
    private static Admin create(Properties p, String bootstrapServers) {
        try {
            return Admin.create(p);
        } catch (org.apache.kafka.common.KafkaException e) {
            String why = ErrorReport.message(e);
            throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "no Kafka broker at " + bootstrapServers + ": "
                    + (why.contains("No resolvable bootstrap urls") ? "none of its host names resolves" : why)
                    + ": check --bootstrap-servers");
        }
    }

    /** As {@link #require(String, List)}, and the schema registry at {@code registryUrl} answers too. */
    public static void require(String bootstrapServers, String registryUrl, List<String> topics) {
        require(bootstrapServers, topics);
        requireRegistry(registryUrl);
    }

    /**
     * Throws (exit code 4) unless the schema registry answers its Confluent API ({@code GET /subjects})
     * within {@link #REGISTRY_WAIT}; a refusal for credentials or a 404 (a wrong path) says so. Any other answer counts as
     * reachable: the registry's own errors surface, by name, when a schema is used.
     */
    static void requireRegistry(String registryUrl) {
        if (registryUrl == null || registryUrl.isBlank()) {
            return;
        }
        java.net.URI uri;
        try {
            uri = java.net.URI.create(registryUrl.split(",")[0].strip().replaceAll("/+$", "") + "/subjects");
        } catch (IllegalArgumentException e) {
            throw new ErrorReport.ExitCodeException(ErrorReport.BAD_INPUT, "--registry-url '" + registryUrl
                    + "' is not a URL, e.g. http://localhost:8081");
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().connectTimeout(REGISTRY_WAIT).build();
        int status;
        try {
            status = http.send(java.net.http.HttpRequest.newBuilder(uri).timeout(REGISTRY_WAIT).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "no schema registry answered at "
                    + registryUrl + " within " + REGISTRY_WAIT.toSeconds() + " s: check --registry-url and that the "
                    + "registry is running (see docs/running.md)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ErrorReport.ExitCodeException(ErrorReport.FAILURE, "interrupted while reaching the registry at " + registryUrl);
        } catch (IllegalArgumentException e) {
            throw new ErrorReport.ExitCodeException(ErrorReport.BAD_INPUT, "--registry-url '" + registryUrl
                    + "' is not an http(s) URL, e.g. http://localhost:8081");
        }
        if (status == 401 || status == 403) {
            throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "the schema registry at " + registryUrl
                    + " refused us (HTTP " + status + "): check FAULTLINE_REGISTRY_USER_INFO / FAULTLINE_REGISTRY_TOKEN");
        }
        if (status == 404) {
            throw new ErrorReport.ExitCodeException(ErrorReport.UNREACHABLE, "no schema registry API at " + registryUrl
                    + " (HTTP 404 for " + uri + "): check the path of --registry-url (Confluent API; Apicurio serves it under "
                    + "/apis/ccompat/v7)");
        }
    }
}
