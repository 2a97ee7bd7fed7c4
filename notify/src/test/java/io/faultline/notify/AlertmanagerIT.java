package io.faultline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.notify.channel.Alertmanager;
import io.faultline.notify.delivery.BackOff;
import io.faultline.notify.delivery.ChannelWorker;
import io.faultline.notify.delivery.DeliveryMetrics;
import io.faultline.notify.delivery.HttpSender;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Alertmanager format against a real Alertmanager (Debian's prometheus-alertmanager 0.25) on a free loopback
 * port with a config of the test's own: after the open, its API v2 lists the alert with Faultline's labels and
 * annotations; after a state change the old label set is ended and the new one fires; after the resolve the alert
 * is no longer active. Skips (saying why) when the binary is absent, unless FAULTLINE_ALERTMANAGER_REQUIRED=1.
 */
class AlertmanagerIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final List<String> BINARIES = List.of("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager",
            "/usr/bin/alertmanager");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private Process alertmanager;

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.waitFor();
        }
    }

    static Optional<Path> binary() {
        return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    @Test
    void alertmanager_lists_the_alert_with_its_labels_then_resolved() throws Exception {
        Optional<Path> bin = binary();
        if (bin.isEmpty()) {
            String reason = "Alertmanager binary not found (" + BINARIES + "): apt-get install prometheus-alertmanager";
            if ("1".equals(System.getenv("FAULTLINE_ALERTMANAGER_REQUIRED"))) {
                throw new AssertionError(reason + " (FAULTLINE_ALERTMANAGER_REQUIRED=1)");
            }
            Assumptions.abort("AlertmanagerIT SKIPPED: " + reason);
        }
        URI base = start(bin.get());

        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Subscription s = new Subscription("am", ChannelKind.ALERTMANAGER, base, null, SubscriptionFilter.everything(),
                Duration.ZERO);
        AlertDecider decider = new AlertDecider(s);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        String id = "aws-us-east-1-am-it";
        List<IncidentView.Member> members = List.of(new IncidentView.Member("venmo", "Venmo", "DOWN", "us-east-1", true),
                new IncidentView.Member("coinbase", "Coinbase", "DOWN", "us-east-1", true));
        try (ChannelWorker worker = new ChannelWorker(s, new Alertmanager(base, "http://faultline.example:8080",
                Duration.ofSeconds(1)), HttpSender.jdk(Duration.ofSeconds(5)),
                (sub, a, at) -> acknowledged.add(a.kind().wireName()),
                (sub, a, req, reason, attempts) -> acknowledged.add("DEAD " + reason),
                new BackOff(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2), 3),
                new DeliveryMetrics())) {
            worker.submit(decider.decide(new IncidentView(id, 1, IncidentView.SUSPECTED, "t", "aws/us-east-1",
                    "US East (N. Virginia)", "REGION", 0.6, "aws", "us-east-1", members, t0, null, t0)).orElseThrow());
            JsonNode firing = await(base, alerts -> find(alerts, id, "SUSPECTED") != null, "the open alert");
            JsonNode a = find(firing, id, "SUSPECTED");
            assertThat(a.at("/labels/alertname").asText()).isEqualTo(Alertmanager.ALERT_NAME);
            assertThat(a.at("/labels/cause").asText()).isEqualTo("aws/us-east-1");
            assertThat(a.at("/labels/provider").asText()).isEqualTo("aws");
            assertThat(a.at("/labels/region").asText()).isEqualTo("us-east-1");
            assertThat(a.at("/annotations/summary").asText()).contains("US East (N. Virginia)");
            assertThat(a.at("/annotations/members").asText()).isEqualTo("Venmo, Coinbase");
            assertThat(a.at("/status/state").asText()).isEqualTo("active");
            assertThat(Instant.parse(a.get("startsAt").asText())).isEqualTo(t0);
            // while open, the worker re-posts it (here every second) so Alertmanager keeps it past resolve_timeout
            String updatedAt = a.get("updatedAt").asText();
            await(base, alerts -> find(alerts, id, "SUSPECTED") != null
                    && !find(alerts, id, "SUSPECTED").get("updatedAt").asText().equals(updatedAt), "a re-post of the open alert");

            worker.submit(decider.decide(new IncidentView(id, 2, IncidentView.CONFIRMED, "t", "aws/us-east-1",
                    "US East (N. Virginia)", "REGION", 0.95, "aws", "us-east-1", members, t0, null, t0.plusSeconds(60)))
                    .orElseThrow());
            await(base, alerts -> find(alerts, id, "CONFIRMED") != null && find(alerts, id, "SUSPECTED") == null,
                    "the CONFIRMED alert firing and the SUSPECTED one ended");

            Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
            worker.submit(decider.decide(new IncidentView(id, 3, IncidentView.RESOLVED, "t", "aws/us-east-1",
                    "US East (N. Virginia)", "REGION", 0.95, "aws", "us-east-1", members, t0, resolvedAt, resolvedAt))
                    .orElseThrow());
            await(base, alerts -> find(alerts, id, "CONFIRMED") == null && find(alerts, id, "SUSPECTED") == null,
                    "no active alert left for the incident");
            assertThat(worker.awaitIdle(WAIT)).isTrue();
        }
        assertThat(acknowledged).containsExactly("open", "update", "resolve");
    }

    /** Starts Alertmanager on a free loopback port, clustering off, and waits for /-/ready. */
    private URI start(Path bin) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: nowhere
                  group_wait: 1s
                receivers:
                  - name: nowhere
                """);
        alertmanager = new ProcessBuilder(bin.toString(), "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            Awaitility.await("Alertmanager ready").atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!alertmanager.isAlive()) {
                            throw new IllegalStateException("Alertmanager exited");
                        }
                        try {
                            return HTTP.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException notYet) {
                            return false; // not listening yet
                        }
                    });
        } catch (ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("Alertmanager did not become ready on " + base + ": "
                    + Files.readString(dir.resolve("alertmanager.log")), e);
        }
        return base;
    }

    /** GET /api/v2/alerts until {@code done} holds; fails after WAIT with what was listed. */
    private static JsonNode await(URI base, Predicate<JsonNode> done, String what) throws Exception {
        AtomicReference<String> body = new AtomicReference<>();
        try {
            return Awaitility.await(what).atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        body.set(HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts?active=true")).build(),
                                HttpResponse.BodyHandlers.ofString()).body());
                        return JSON.readTree(body.get());
                    }, done);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Alertmanager never showed " + what + "; it lists: " + body.get(), e);
        }
    }

    /** The listed, not yet ended alert of {@code incident} in {@code state}, or null. */
    private static JsonNode find(JsonNode alerts, String incident, String state) {
        List<JsonNode> out = new ArrayList<>();
        Instant now = Instant.now();
        for (JsonNode a : alerts) {
            boolean ended = a.hasNonNull("endsAt") && !a.get("endsAt").asText().startsWith("0001")
                    && !Instant.parse(a.get("endsAt").asText()).isAfter(now);
            if (incident.equals(a.at("/labels/incident").asText()) && state.equals(a.at("/labels/state").asText())
                    && !ended && Set.of("active", "unprocessed").contains(a.at("/status/state").asText())) {
                out.add(a);
            }
        }
        return out.isEmpty() ? null : out.get(0);
    }
}
