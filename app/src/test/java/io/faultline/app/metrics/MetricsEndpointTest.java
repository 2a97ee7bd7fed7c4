package io.faultline.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.faultline.app.ErrorReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void servesTheRegistryInPrometheusTextFormat() throws Exception {
        Counter.builder("faultline.records.in").tag("stage", "normalise").tag("topic", "faultline.raw.probe")
                .register(registry).increment(3);
        try (MetricsEndpoint e = MetricsEndpoint.start("127.0.0.1", 0, registry, "--metrics-port")) {
            HttpResponse<String> r = get(e, "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
            assertThat(r.body()).contains("# TYPE faultline_records_in_total counter")
                    .contains("faultline_records_in_total{stage=\"normalise\",topic=\"faultline.raw.probe\"} 3.0");
            assertThat(e.url()).isEqualTo("http://127.0.0.1:" + e.port() + "/metrics");
            assertThat(get(e, "/metricsx").statusCode()).isEqualTo(404);
            assertThat(get(e, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void readyOnlyAfterStartAndWhileEveryCheckHoldsNamingTheFailingOne() throws Exception {
        AtomicReference<Optional<String>> streams = new AtomicReference<>(Optional.of("state is REBALANCING"));
        try (MetricsEndpoint e = MetricsEndpoint.start("127.0.0.1", 0, registry, "--metrics-port")) {
            e.require(ReadinessCheck.of("kafka", Optional::empty)).require(ReadinessCheck.of("kafka-streams", streams::get));
            HttpResponse<String> starting = get(e, "/readyz");
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).contains("FAIL startup").contains("FAIL kafka-streams: state is REBALANCING").contains("ok   kafka");

            e.started();
            HttpResponse<String> rebalancing = get(e, "/readyz");
            assertThat(rebalancing.statusCode()).isEqualTo(503);
            assertThat(rebalancing.body()).doesNotContain("startup").contains("FAIL kafka-streams: state is REBALANCING");

            streams.set(Optional.empty());
            HttpResponse<String> ready = get(e, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).startsWith("ready");

            e.require(ReadinessCheck.of("flink-job", () -> {
                throw new IllegalStateException("no cluster");
            }));
            HttpResponse<String> throwing = get(e, "/readyz");
            assertThat(throwing.statusCode()).isEqualTo(503);
            assertThat(throwing.body()).contains("FAIL flink-job: check failed: no cluster");
            // liveness does not depend on readiness
            assertThat(get(e, "/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPortInUseFailsNamingTheOption() {
        try (MetricsEndpoint first = MetricsEndpoint.start("127.0.0.1", 0, registry, "--metrics-port")) {
            assertThatThrownBy(() -> MetricsEndpoint.start("127.0.0.1", first.port(), registry, "--metrics-port"))
                    .isInstanceOf(UncheckedIOException.class)
                    .satisfies(t -> assertThat(ErrorReport.message(t))
                            .startsWith("--metrics-port " + first.port() + " on 127.0.0.1")
                            .contains("already in use"));
        }
    }

    @Test
    void onlyGetAndHead() throws Exception {
        try (MetricsEndpoint e = MetricsEndpoint.start("127.0.0.1", 0, registry, "--metrics-port")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.port() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(405);
        }
    }

    private HttpResponse<String> get(MetricsEndpoint e, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
