package io.faultline.ingestion.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.core.evaluation.ExpectedOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(expectedJson));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + expectedJson + ": " + e.getMessage(), e);
        }
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
