package io.faultline.app.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink job's metrics in this process's registry, read from the job's REST API every
 * {@code interval}. Flink's own Prometheus reporter ({@code flink-metrics-prometheus}) is not on the
 * Maven mirror this project builds from, and a reporter would serve a second endpoint per
 * TaskManager anyway; reading the REST API works the same for the mini cluster in this process and
 * for a remote cluster's JobManager, and puts the job's figures beside the command's other meters.
 * <ul>
 *   <li>{@code faultline_flink_job_running{flink_job}}: 1 while the job is RUNNING, else 0;</li>
 *   <li>{@code faultline_flink_records_in_total} / {@code _out_total{flink_job,vertex}}: records into and
 *       out of each vertex (operator chain), summed over its subtasks (Flink's numRecordsIn/Out);</li>
 *   <li>{@code faultline_flink_checkpoints_total{flink_job,result}}: completed and failed checkpoints.</li>
 * </ul>
 * Figures are as fresh as the last refresh; a job restart starts Flink's counters from zero, which
 * Prometheus' rate() treats as a counter reset.
 */
public final class FlinkMetricsBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkMetricsBridge.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_VERTEX_LABEL = 120;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI rest;
    private final String jobId;
    private final String jobName;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final AtomicLong running = new AtomicLong();
    private final PeriodicRefresh timer;

    private FlinkMetricsBridge(URI rest, String jobId, String jobName, MeterRegistry registry) {
        this.rest = rest;
        this.jobId = jobId;
        this.jobName = jobName;
        this.registry = registry;
        Gauge.builder("faultline.flink.job.running", running, AtomicLong::get)
                .description("1 while the Flink job is RUNNING, else 0").tag("flink_job", jobName).register(registry);
        Counter failures = Counter.builder("faultline.flink.metrics.refresh.failures")
                .description("Reads of the Flink REST API that failed").tag("flink_job", jobName).register(registry);
        this.timer = new PeriodicRefresh("faultline-flink-metrics", this::refresh, failures, e -> {
            running.set(0);
            LOG.debug("reading the Flink job's metrics failed: {}", e.toString());
        });
    }

    /** Starts reading job {@code jobId} from the REST API at {@code rest} (e.g. http://127.0.0.1:8081). */
    public static FlinkMetricsBridge start(URI rest, String jobId, String jobName, MeterRegistry registry, Duration interval) {
        FlinkMetricsBridge bridge = new FlinkMetricsBridge(rest, jobId, jobName, registry);
        bridge.timer.start(interval);
        return bridge;
    }

    /** One refresh as the timer runs it (a failure counted, not thrown); for tests. */
    void refreshQuietlyForTest() {
        timer.runQuietly();
    }

    void refresh() throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        running.set("RUNNING".equals(job.path("state").asText()) ? 1 : 0);
        for (JsonNode vertex : job.path("vertices")) {
            String name = vertex.path("name").asText();
            String label = name.length() > MAX_VERTEX_LABEL ? name.substring(0, MAX_VERTEX_LABEL) : name;
            JsonNode metrics = get("/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
                    + "/subtasks/metrics?get=numRecordsIn,numRecordsOut");
            for (JsonNode m : metrics) {
                String id = m.path("id").asText();
                String meter = "numRecordsIn".equals(id) ? "faultline.flink.records.in"
                        : "numRecordsOut".equals(id) ? "faultline.flink.records.out" : null;
                if (meter != null && m.has("sum")) {
                    counter(meter, "vertex", label, "Records " + ("numRecordsIn".equals(id) ? "into" : "out of")
                            + " a Flink vertex (operator chain), summed over its subtasks").set((long) m.path("sum").asDouble());
                }
            }
        }
        JsonNode counts = get("/jobs/" + jobId + "/checkpoints").path("counts");
        counter("faultline.flink.checkpoints", "result", "completed", "Checkpoints of the Flink job by result")
                .set(counts.path("completed").asLong());
        counter("faultline.flink.checkpoints", "result", "failed", "Checkpoints of the Flink job by result")
                .set(counts.path("failed").asLong());
    }

    private AtomicLong counter(String name, String tag, String value, String description) {
        return values.computeIfAbsent(name + "\u0000" + value, k -> {
            AtomicLong v = new AtomicLong();
            FunctionCounter.builder(name, v, AtomicLong::get).description(description)
                    .tag("flink_job", jobName).tag(tag, value).register(registry);
            return v;
        });
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rest.resolve(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return json.readTree(r.body());
    }

    @Override
    public void close() {
        timer.close();
    }
}
