package io.faultline.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a stand-in for Flink's REST API answering what a Flink 2.1 mini cluster answered
 * (bodies copied from one, trimmed): figures land in the registry under the documented names, and a
 * failing API counts a failure and says the job is not running.
 */
class FlinkMetricsBridgeTest {

    static final String JOB = "d37beb43c157d76d4f7a26e028ba5c17";
    static final String SIGNALS = "5dd0cc7b3bb8a0f5a2c1a58d3bbd1f31";
    static final String CORRELATE = "a6a1bd2b4fcf0ad6b1be0c1d1bd2f1ff";

    @Test
    void jobFiguresBecomeCountersAndAGauge() throws Exception {
        AtomicReference<String> state = new AtomicReference<>("RUNNING");
        Map<String, String> bodies = Map.of(
                "/jobs/" + JOB + "/vertices/" + SIGNALS + "/subtasks/metrics",
                "[{\"id\":\"numRecordsIn\",\"min\":39660.0,\"max\":39660.0,\"avg\":39660.0,\"sum\":39660.0,\"skew\":0.0},"
                        + "{\"id\":\"numRecordsOut\",\"min\":1.0,\"max\":1.0,\"avg\":1.0,\"sum\":1.0,\"skew\":0.0}]",
                "/jobs/" + JOB + "/vertices/" + CORRELATE + "/subtasks/metrics", "[]",
                "/jobs/" + JOB + "/checkpoints", "{\"counts\":{\"restored\":0,\"total\":16,\"in_progress\":0,\"completed\":15,\"failed\":1}}");
        HttpServer flink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        flink.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = path.equals("/jobs/" + JOB)
                    ? "{\"jid\":\"" + JOB + "\",\"name\":\"faultline-correlation\",\"state\":\"" + state.get() + "\",\"vertices\":["
                    + "{\"id\":\"" + SIGNALS + "\",\"name\":\"Source: signals-source -> decode-signals\"},"
                    + "{\"id\":\"" + CORRELATE + "\",\"name\":\"correlate-and-attribute -> incident-sink: Writer\"}]}"
                    : bodies.get(path);
            byte[] bytes = (body == null ? "{\"errors\":[\"Not found\"]}" : body).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        flink.start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (FlinkMetricsBridge bridge = FlinkMetricsBridge.start(URI.create("http://127.0.0.1:" + flink.getAddress().getPort()),
                JOB, "faultline-correlation", registry, java.time.Duration.ofHours(1))) {
            bridge.refresh();
            assertThat(registry.get("faultline.flink.job.running").tag("flink_job", "faultline-correlation").gauge().value())
                    .isEqualTo(1.0);
            assertThat(registry.get("faultline.flink.records.in").tag("vertex", "Source: signals-source -> decode-signals")
                    .functionCounter().count()).isEqualTo(39660.0);
            assertThat(registry.get("faultline.flink.records.out").tag("vertex", "Source: signals-source -> decode-signals")
                    .functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.find("faultline.flink.records.in").tag("vertex", "correlate-and-attribute -> incident-sink: Writer")
                    .functionCounter()).as("no figures fetched yet for this vertex: no series").isNull();
            assertThat(registry.get("faultline.flink.checkpoints").tag("result", "completed").functionCounter().count()).isEqualTo(15.0);
            assertThat(registry.get("faultline.flink.checkpoints").tag("result", "failed").functionCounter().count()).isEqualTo(1.0);

            state.set("RESTARTING");
            bridge.refresh();
            assertThat(registry.get("faultline.flink.job.running").gauge().value()).isZero();

            flink.stop(0);
            bridge.refreshQuietlyForTest();
            assertThat(registry.get("faultline.flink.metrics.refresh.failures").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("faultline.flink.job.running").gauge().value()).isZero();
        } finally {
            flink.stop(0);
        }
    }
}
