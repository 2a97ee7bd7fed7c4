package io.faultline.ingestion.social.stream;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes the stream's rules equal to the wanted ones with the fewest changes: reads them
 * ({@code GET /2/tweets/search/stream/rules}), deletes those not wanted (and duplicates of a wanted
 * one) in one request, then adds the missing ones in one request. Rules are compared by value;
 * rules someone added by hand are removed too, because the stream belongs to this ingester and
 * every match ends up in raw.social. Deletes go first so the rule count never exceeds the cap.
 */
final class XRuleSync {

    static final String RULES_PATH = "/2/tweets/search/stream/rules";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(List<XRule> added, List<String> deletedIds) {
    }

    private record Existing(String id, String value) {
    }

    private final HttpClient http;
    private final Endpoint base;
    private final String bearerToken;
    private final Duration timeout;

    XRuleSync(HttpClient http, Endpoint base, String bearerToken, Duration timeout) {
        this.http = http;
        this.base = base;
        this.bearerToken = bearerToken;
        this.timeout = timeout;
    }

    Result sync(List<XRule> wanted) throws IOException, InterruptedException, HttpStatusError {
        base.check();
        List<Existing> existing = read();
        Set<String> wantedValues = new HashSet<>();
        wanted.forEach(r -> wantedValues.add(r.value()));
        Set<String> kept = new HashSet<>();
        List<String> delete = new ArrayList<>();
        for (Existing e : existing) {
            if (wantedValues.contains(e.value()) && kept.add(e.value())) {
                continue;
            }
            delete.add(e.id());
        }
        List<XRule> add = wanted.stream().filter(r -> !kept.contains(r.value())).toList();
        if (!delete.isEmpty()) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode ids = body.putObject("delete").putArray("ids");
            delete.forEach(ids::add);
            post(body, "delete rules");
        }
        if (!add.isEmpty()) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode rules = body.putArray("add");
            add.forEach(r -> rules.addObject().put("value", r.value()).put("tag", r.tag()));
            post(body, "add rules");
        }
        return new Result(add, delete);
    }

    private List<Existing> read() throws IOException, InterruptedException, HttpStatusError {
        HttpResponse<String> r = http.send(request(base.resolve(RULES_PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new HttpStatusError("X rules GET", r.statusCode(), preview(r.body()),
                    HttpStatusError.rateLimitReset(r.headers()));
        }
        JsonNode data = JSON.readTree(r.body()).path("data");
        List<Existing> out = new ArrayList<>();
        for (JsonNode rule : data) { // absent when there are no rules: the loop just does nothing
            out.add(new Existing(rule.path("id").asText(), rule.path("value").asText()));
        }
        return out;
    }

    private void post(ObjectNode body, String what) throws IOException, InterruptedException, HttpStatusError {
        HttpResponse<String> r = http.send(request(base.resolve(RULES_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new HttpStatusError("X rules POST (" + what + ")", r.statusCode(), preview(r.body()),
                    HttpStatusError.rateLimitReset(r.headers()));
        }
        JsonNode answer = JSON.readTree(r.body());
        JsonNode summary = answer.path("meta").path("summary");
        if (summary.path("invalid").asInt(0) > 0 || summary.path("not_created").asInt(0) > 0
                || summary.path("not_deleted").asInt(0) > 0) {
            throw new StreamFailure("X refused to " + what + ": " + preview(answer.path("errors").toString()));
        }
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + bearerToken)
                .header("User-Agent", XStreamClient.USER_AGENT);
    }

    private static String preview(String s) {
        return s.length() > 2048 ? s.substring(0, 2048) + "…" : s;
    }
}
