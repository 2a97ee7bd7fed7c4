package io.faultline.ingestion.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.core.evaluation.ExpectedOutcome;
import io.faultline.core.evaluation.NetworkExpectation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a replay's {@code expected.json} (schema in {@code replays/README.md}) into an {@link ExpectedOutcome}. */
public final class ExpectedOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExpectedOutcomes() {
    }

    /** @throws IllegalArgumentException naming the file and the field when a required field is missing or bad */
    public static ExpectedOutcome read(Path expectedJson) {
        JsonNode root = readTree(expectedJson);
        String where = expectedJson.toString();
        List<ExpectedOutcome.AllowedConfounder> confounders = new ArrayList<>();
        for (JsonNode c : root.path("confounderAttribution")) {
            confounders.add(new ExpectedOutcome.AllowedConfounder(text(c, "component", where),
                    strings(c.path("allowedFor")), time(c.path("window"), "start", where),
                    time(c.path("window"), "end", where)));
        }
        return new ExpectedOutcome(text(root, "replay", where), text(root, "cause", where),
                root.path("causeIsCloudOrCdn").asBoolean(true), strings(root.path("affectedServices")),
                time(root, "firstSignal", where), optionalTime(root, "firstEvidencedSignal", where),
                optionalTime(root, "providerAcknowledged", where), List.copyOf(strings(root.path("mustNotBlame"))),
                confounders);
    }

    /** Whether an expected.json describes a network replay ({@code "kind": "network"}). */
    public static boolean isNetwork(Path expectedJson) {
        return "network".equals(readTree(expectedJson).path("kind").asText());
    }

    /** @throws IllegalArgumentException with the file, line and column where it is not JSON */
    private static JsonNode readTree(Path expectedJson) {
        try {
            return JSON.readTree(Files.readAllBytes(expectedJson));
        } catch (IOException e) {
            throw new IllegalArgumentException(io.faultline.ingestion.ParseErrors.describe(expectedJson, "JSON", e), e);
        }
    }

    /** A network replay's expectation; errors name the file and the field. */
    public static NetworkExpectation readNetwork(Path expectedJson) {
        JsonNode root = readTree(expectedJson);
        String where = expectedJson.toString();
        JsonNode tolerance = root.path("tolerance");
        return new NetworkExpectation(text(root, "replay", where), text(root, "events", where),
                events(root.path("expected"), where), events(root.path("tolerated"), where),
                Duration.ofMinutes(tolerance.path("startMinutes").asLong(5)),
                Duration.ofMinutes(tolerance.path("endMinutes").asLong(15)),
                tolerance.path("maxExtraPerDay").asInt(2));
    }

    private static List<NetworkExpectation.Event> events(JsonNode array, String where) {
        List<NetworkExpectation.Event> out = new ArrayList<>();
        for (JsonNode e : array) {
            String id = text(e, "id", where);
            out.add(new NetworkExpectation.Event(id, strings(e.path("scope")), time(e, "start", where + " event " + id),
                    optionalTime(e, "end", where + " event " + id), e.path("source").asText("")));
        }
        return out;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }

    private static Instant time(JsonNode node, String field, String where) {
        String text = text(node, field, where);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": field '" + field + "' is not an ISO-8601 UTC time: " + text, e);
        }
    }

    private static Instant optionalTime(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : time(node, field, where);
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : array) {
            out.add(item.asText());
        }
        return out;
    }
}
