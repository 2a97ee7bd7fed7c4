package io.faultline.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks the (local) Flink REST endpoint whether every task of a job is running (or, for a bounded
 * source, already finished): the job status RUNNING comes before its tasks are deployed, and a
 * source that is not deployed reads nothing.
 */
final class FlinkJobState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FlinkJobState() {
    }

    static void awaitAllTasksRunning(URI rest, String jobId, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(rest.resolve("/jobs/" + jobId)).timeout(Duration.ofSeconds(10)).build();
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode job = JSON.readTree(response.body());
                boolean allRunning = job.path("vertices").size() > 0;
                for (JsonNode v : job.path("vertices")) {
                    String status = v.path("status").asText();
                    // the catalog snapshot source is bounded: it may already have FINISHED
                    allRunning &= "RUNNING".equals(status) || "FINISHED".equals(status);
                }
                if (allRunning) {
                    return;
                }
                last = "job " + job.path("state").asText() + ", vertices " + job.path("vertices").findValuesAsText("status");
            } else {
                last = "HTTP " + response.statusCode();
            }
            Thread.sleep(200); // a polling interval
        }
        throw new IllegalStateException("Flink job " + jobId + ": not all tasks RUNNING within " + timeout + " (" + last + ")");
    }
}
