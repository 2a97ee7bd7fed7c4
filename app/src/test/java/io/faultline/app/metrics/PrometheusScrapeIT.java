package io.faultline.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.app.demo.DemoCommand;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A real Prometheus (Debian's 2.42, started here on a free loopback port with a config of this
 * test's own, scraping every second) scrapes {@code faultline demo}'s metrics endpoint while the
 * demo replays the AWS 2021-12-07 outage, and PromQL over Prometheus' HTTP API returns the
 * pipeline's series with non-zero values: records into and out of the Streams stages, records
 * through the Flink job, the scrape target up. Skips when no prometheus binary is installed, unless
 * {@code FAULTLINE_PROMETHEUS_REQUIRED=1} (set by .ci/run, which installs it).
 */
class PrometheusScrapeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> QUERIES = List.of(
            "sum(faultline_records_in_total{stage=\"normalise\"})",
            "sum(faultline_records_out_total{stage=\"normalise\"})",
            "sum(faultline_records_out_total{stage=\"health\"})",
            "sum(faultline_flink_records_in_total{flink_job=\"faultline-correlation\"})",
            "max(faultline_flink_job_running)",
            "count(faultline_consumer_lag_records)",
            "max_over_time(up{job=\"faultline-demo\"}[10m])");

    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void prometheusScrapesTheDemoAndPromQlReturnsItsPipelineSeries() throws Exception {
        Path prometheus = prometheusBinary();
        int metricsPort = freePort();
        int promPort = freePort();
        Files.writeString(tmp.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: faultline-demo
                    scrape_interval: 1s
                    scrape_timeout: 1s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(metricsPort));
        Process prom = new ProcessBuilder(prometheus.toString(), "--config.file=" + tmp.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + tmp.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("prometheus.log").toFile()).start();
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        CompletableFuture<Integer> demo = null;
        try {
            awaitReady(promPort, prom);
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            demo = CompletableFuture.supplyAsync(() -> new CommandLine(new DemoCommand()).execute("--exit", "--no-history",
                    "--api-port", "0", "--metrics-port", Integer.toString(metricsPort),
                    "--work-dir", home.resolve("app/target/prometheus-it").toString(),
                    "--quiet-period", "PT5S", "--timeout", "PT3M"));
            Map<String, Double> values = new LinkedHashMap<>();
            CompletableFuture<Integer> running = demo;
            AtomicReference<Instant> endedAt = new AtomicReference<>();
            try {
                await("non-zero pipeline series in Prometheus").atMost(Duration.ofMinutes(5)).pollInSameThread()
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
                            QUERIES.forEach(q -> query(promPort, q).ifPresent(v -> values.put(q, v)));
                            if (values.size() == QUERIES.size() && values.values().stream().allMatch(v -> v > 0)) {
                                return true;
                            }
                            // the demo has ended: Prometheus holds what it scraped; a round 2 s later sees its last
                            // scrapes, then judge
                            if (running.isDone()) {
                                endedAt.compareAndSet(null, Instant.now());
                            }
                            return endedAt.get() != null && Instant.now().isAfter(endedAt.get().plusSeconds(2));
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("non-zero pipeline series in Prometheus within 5 min; so far " + values
                        + "\nprometheus targets: " + targets(promPort), e);
            }
            System.err.println("PrometheusScrapeIT: PromQL answers " + values);
            assertThat(values).containsOnlyKeys(QUERIES);
            assertThat(values).allSatisfy((q, v) -> assertThat(v).as(q).isPositive());
            assertThat(values.get("max_over_time(up{job=\"faultline-demo\"}[10m])")).isEqualTo(1.0);
        } finally {
            if (demo != null) {
                demo.get(6, TimeUnit.MINUTES);
            }
            System.setOut(original);
            System.out.println(buffer.toString(StandardCharsets.UTF_8));
            prom.destroy();
            if (!prom.waitFor(10, TimeUnit.SECONDS)) {
                prom.destroyForcibly();
            }
        }
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("metrics http://127.0.0.1:" + metricsPort + "/metrics");
    }

    /** The value of an instant query's first sample, if any. */
    private java.util.Optional<Double> query(int port, String promql) {
        try {
            JsonNode r = JSON.readTree(get(port, "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body());
            assertThat(r.path("status").asText()).as(promql + ": " + r).isEqualTo("success");
            JsonNode result = r.path("data").path("result");
            return result.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(Double.parseDouble(result.get(0).path("value").get(1).asText()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String targets(int port) throws Exception {
        return get(port, "/api/v1/targets").body();
    }

    private void awaitReady(int port, Process prom) throws Exception {
        try {
            await("prometheus ready").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).pollInSameThread().until(() -> {
                        assertThat(prom.isAlive()).as("prometheus running; log:\n" + log()).isTrue();
                        try {
                            return get(port, "/-/ready").statusCode() == 200;
                        } catch (IOException e) {
                            return false; // not listening yet
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("prometheus ready within 60 s; log:\n" + log(), e);
        }
    }

    private String log() throws IOException {
        Path log = tmp.resolve("prometheus.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Debian's prometheus, or a skip saying why (a failure when FAULTLINE_PROMETHEUS_REQUIRED=1). */
    static Path prometheusBinary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "prometheus"))) {
                return Path.of(dir, "prometheus");
            }
        }
        String reason = "prometheus binary not found on PATH (Debian: apt-get install prometheus; .ci/run installs it)";
        if ("1".equals(System.getenv("FAULTLINE_PROMETHEUS_REQUIRED"))) {
            throw new AssertionError(reason + ", and FAULTLINE_PROMETHEUS_REQUIRED=1");
        }
        Assumptions.abort(reason);
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
