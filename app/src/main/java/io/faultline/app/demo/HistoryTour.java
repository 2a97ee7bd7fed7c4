package io.faultline.app.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * After the replay, shows what a user can ask the timeline API's history endpoints (served from
 * ClickHouse): the incident list, one incident with its members and timeline, and the provider's
 * blast radius, each with the curl command that asks it. It waits until the history holds the
 * latest revision the correlation job committed (the ClickHouse sink writes at checkpoints).
 */
public final class HistoryTour {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Optional<String> token;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public HistoryTour(int apiPort, Optional<String> token, PrintStream out) {
        this.base = "http://127.0.0.1:" + apiPort;
        this.token = token;
        this.out = out;
    }

    /** Prints the tour; false when the history did not reach {@code latest} (incident id to revision) within {@code wait}. */
    public boolean show(Map<String, Long> latest, Duration wait) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        JsonNode items = get("/api/v1/incidents").path("items");
        while (!holds(items, latest)) {
            if (Instant.now().isAfter(deadline)) {
                out.printf("%nhistory: after %d s ClickHouse holds %d of the %d incidents the job committed (latest revisions %s)%n",
                        wait.toSeconds(), items.size(), latest.size(), latest);
                return false;
            }
            Thread.sleep(500);
            items = get("/api/v1/incidents").path("items");
        }
        out.printf("%nhistory (ClickHouse engine, through the timeline API's history endpoints):%n");
        out.printf("  $ curl -s %s/api/v1/incidents%n", base);
        for (JsonNode i : items) {
            out.printf("    %s rev %d %s, cause %s (%s), opened %s, %d services%n", i.path("id").asText(), i.path("revision").asLong(),
                    i.path("state").asText(), i.path("cause").path("componentId").asText(), i.path("cause").path("name").asText(),
                    i.path("openedAt").asText(), i.path("serviceIds").size());
        }
        JsonNode first = items.get(0);
        String id = first.path("id").asText();
        out.printf("  $ curl -s %s/api/v1/incidents/%s%n", base, id);
        JsonNode detail = get("/api/v1/incidents/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        List<String> members = new ArrayList<>();
        detail.path("members").forEach(m -> members.add(m.path("serviceId").asText()));
        JsonNode timeline = detail.path("timeline");
        out.printf("    %d members (%s), %d timeline entries from %s %s to %s %s%n", members.size(),
                String.join(", ", members.subList(0, Math.min(6, members.size()))) + (members.size() > 6 ? ", ..." : ""),
                timeline.size(), timeline.path(0).path("kind").asText(), timeline.path(0).path("time").asText(),
                timeline.path(timeline.size() - 1).path("kind").asText(), timeline.path(timeline.size() - 1).path("time").asText());
        Instant opened = Instant.parse(first.path("openedAt").asText());
        String endText = first.path("resolvedAt").isTextual() ? first.path("resolvedAt").asText() : first.path("updatedAt").asText();
        Instant from = opened.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Instant to = Instant.parse(endText).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
        // by provider only: a member's region is the service's own (often unset), not the cause's
        String blast = "/api/v1/providers/" + first.path("provider").asText() + "/blast-radius?from=" + from + "&to=" + to
                + "&step=PT10M";
        out.printf("  $ curl -s '%s%s'%n", base, blast);
        JsonNode peak = null;
        JsonNode points = get(blast);
        for (JsonNode p : points) {
            if (peak == null || p.path("impairedServices").asLong() > peak.path("impairedServices").asLong()) {
                peak = p;
            }
        }
        out.printf("    %d buckets of 10 min; peak %d services impaired at %s%n", points.size(),
                peak == null ? 0 : peak.path("impairedServices").asLong(), peak == null ? "-" : peak.path("bucket").asText());
        return true;
    }

    private static boolean holds(JsonNode items, Map<String, Long> latest) {
        if (latest.isEmpty()) {
            return items.size() > 0;
        }
        for (Map.Entry<String, Long> e : latest.entrySet()) {
            boolean found = false;
            for (JsonNode i : items) {
                found |= i.path("id").asText().equals(e.getKey()) && i.path("revision").asLong() >= e.getValue();
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
        token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + base + path + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
