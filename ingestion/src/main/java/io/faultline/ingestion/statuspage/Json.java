package io.faultline.ingestion.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Tolerant field access on Jackson trees: a missing or mistyped field reads as null. */
final class Json {

    /** Shared and thread-safe once configured; trees only, no data binding. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    static Instant time(JsonNode node, String field) {
        return Times.parse(text(node, field));
    }

    static List<JsonNode> array(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    /** The element as bytes for a rejection, so the dead letter holds exactly what was refused. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            return String.valueOf(node).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
