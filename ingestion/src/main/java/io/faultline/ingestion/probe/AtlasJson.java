package io.faultline.ingestion.probe;

import io.faultline.ingestion.BadField;
import io.faultline.ingestion.JsonFailures;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;

/**
 * Field reads that accept what RIPE Atlas actually sends (old firmware writes numbers as strings:
 * {@code "avg":"58.042"}, {@code "fw":"4560"}) and unwrapping of the message shapes results come in.
 */
final class AtlasJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private AtlasJson() {
    }

    /** Number or numeric string; null when absent, null or empty string. */
    static Double number(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            String s = n.asText().strip();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw BadField.invalid(field, "is not a number: '" + s + "'");
            }
        }
        throw BadField.invalid(field, "must be a number, was " + n.getNodeType());
    }

    static Long integer(JsonNode parent, String field) {
        Double d = number(parent, field);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw BadField.invalid(field, "must be an integer, was " + d);
        }
        return d.longValue();
    }

    static long requiredInteger(JsonNode parent, String field) {
        Long v = integer(parent, field);
        if (v == null) {
            throw BadField.missing(field);
        }
        return v;
    }

    /** String value, null when absent, null or empty; numbers are rendered, objects are an error. */
    static String text(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw BadField.invalid(field, "must be a string, was " + n.getNodeType());
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    /**
     * The result objects in one message: a bare result, a socket.io frame
     * {@code ["atlas_result", {...}]} (optionally with the engine.io prefix {@code 42}), or a
     * download envelope {@code {"results":[...]}}. Other socket.io events yield nothing.
     */
    static List<JsonNode> unwrap(String line) throws JsonProcessingException {
        String s = line.strip();
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i > 0 && i < s.length() && s.charAt(i) == '[') {
            s = s.substring(i);
        }
        JsonNode n = JSON.readTree(s);
        if (n == null || n.isMissingNode()) {
            throw new BadField("PARSE_ERROR", "empty JSON document");
        }
        if (n.isArray() && n.size() > 0 && n.get(0).isTextual()) {
            String name = n.get(0).asText();
            if (!"atlas_result".equals(name)) {
                if ("atlas_error".equals(name)) {
                    throw new BadField("STREAM_ERROR", "streaming API error: " + (n.size() > 1 ? n.get(1) : ""));
                }
                return List.of(); // atlas_subscribed and other control messages
            }
            if (n.size() < 2 || !n.get(1).isObject()) {
                throw BadField.missing("atlas_result payload");
            }
            return List.of(n.get(1));
        }
        if (n.isObject() && n.has("results") && n.get("results").isArray() && !n.has("type")) {
            List<JsonNode> out = new ArrayList<>();
            n.get("results").forEach(out::add);
            return out;
        }
        if (n.isArray()) {
            List<JsonNode> out = new ArrayList<>();
            n.forEach(out::add);
            return out;
        }
        if (!n.isObject()) {
            throw new BadField("PARSE_ERROR", "expected a JSON object, got " + n.getNodeType());
        }
        return List.of(n);
    }

    static Rejected reject(String source, String errorType, String reason, String raw, Map<String, String> ctx) {
        return new Rejected(source, errorType, reason, raw.getBytes(StandardCharsets.UTF_8), ctx);
    }

    /** Runs {@code one} over every result in a message, turning every failure into a Rejected. */
    static <T> ParseOutcome<T> each(String source, String line, Map<String, String> ctx, ElementParser<T> one) {
        if (line == null || line.isBlank()) {
            return ParseOutcome.of(List.of());
        }
        return JsonFailures.orRejected(() -> each(source, line, ctx, unwrap(line), one),
                (type, reason) -> ParseOutcome.rejected(reject(source, type, reason, line, ctx)));
    }

    private static <T> ParseOutcome<T> each(String source, String line, Map<String, String> ctx, List<JsonNode> nodes,
                                            ElementParser<T> one) {
        ParseOutcome<T> out = ParseOutcome.of(List.of());
        for (JsonNode n : nodes) {
            String raw = nodes.size() == 1 ? line : n.toString();
            out = out.plus(JsonFailures.orRejected(() -> {
                if (!n.isObject()) {
                    throw new BadField("PARSE_ERROR", "expected a JSON object, got " + n.getNodeType());
                }
                return ParseOutcome.of(List.of(one.parse(n)));
            }, (type, reason) -> ParseOutcome.rejected(reject(source, type, reason, raw, ctx))));
        }
        return out;
    }

    @FunctionalInterface
    interface ElementParser<T> {
        T parse(JsonNode node);
    }
}
