package io.faultline.ingestion.social;

import io.faultline.ingestion.BadField;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.faultline.ingestion.Rejected;

/** Strict, typed reads of JSON fields shared by the social parsers. */
final class Fields {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fields() {
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        JsonNode n = JSON.readTree(text);
        if (n == null || n.isMissingNode()) {
            throw new BadField("PARSE_ERROR", "empty JSON document");
        }
        return n;
    }

    /** A required id or string: strings and integral numbers (legacy Mastodon, X rule ids) are accepted. */
    static String requiredId(JsonNode parent, String field) {
        return required(parent, field, n -> n.isTextual() && !n.asText().isBlank() || n.isIntegralNumber(),
                "a non-empty string or integer").asText();
    }

    static String requiredText(JsonNode parent, String field) {
        return required(parent, field, JsonNode::isTextual, "a string").asText();
    }

    /** Null when absent or null; a wrong type is an error, not a silent null. */
    static String optionalText(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw BadField.invalid(field, "must be a string, was " + n.getNodeType());
        }
        return n.asText();
    }

    static JsonNode requiredObject(JsonNode parent, String field) {
        return required(parent, field, JsonNode::isObject, "an object");
    }

    /** The field's node: missing (absent or null) and of the wrong kind are told apart. */
    private static JsonNode required(JsonNode parent, String field, Predicate<JsonNode> ok, String what) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw BadField.missing(field);
        }
        if (!ok.test(n)) {
            throw BadField.invalid(field, "must be " + what + ", was " + n.getNodeType());
        }
        return n;
    }

    /** Elements of an optional array; absent or null is empty, any other non-array is an error. */
    static List<JsonNode> array(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw BadField.invalid(field, "must be an array, was " + n.getNodeType());
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    /** The named string property of each object in an optional array (e.g. hashtags[].tag). */
    static List<String> texts(JsonNode parent, String field, String property) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : array(parent, field)) {
            String v = e.isObject() ? optionalText(e, property) : null;
            if (v != null && !v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    static Instant instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw BadField.invalid(field, "is not an ISO-8601 date-time: '" + value + "'");
        }
    }

    static Rejected reject(String source, String errorType, String reason, String raw, Map<String, String> context) {
        return new Rejected(source, errorType, reason, raw.getBytes(StandardCharsets.UTF_8), context);
    }

    /**
     * Every line of an NDJSON stream or file through {@code parseLine}, the outcomes added up in
     * order; each line's context gets its 1-based {@code line} number.
     */
    static <T> T eachLine(BufferedReader reader, Map<String, String> context, T none, BinaryOperator<T> plus,
                          BiFunction<String, Map<String, String>, T> parseLine) {
        T out = none;
        try {
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                out = plus.apply(out, parseLine.apply(line, at(context, "line", Integer.toString(n))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Map<String, String> at(Map<String, String> context, String key, String value) {
        Map<String, String> m = new HashMap<>(context);
        m.put(key, value);
        return m;
    }
}
