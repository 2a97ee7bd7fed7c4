package io.faultline.ingestion.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The parts of a {@code replays/<id>/timeline.yaml} (schema in replays/README.md) the generator
 * uses. Fails naming the file and the key when a required fact is missing or not a UTC time.
 */
record Timeline(String id, String title, Instant windowStart, Instant windowEnd, String causeComponent,
                List<StatusUpdate> providerUpdates, List<Impairment> services, List<Confounder> confounders) {

    /** A status-page post: the provider's ({@code component} set) or a service's own. */
    record StatusUpdate(Instant time, String component, String status, String phase, String text, String source) {
    }

    /** A service impaired in {@code [from, until)}; {@code confounder} names the confounder it belongs to, or null. */
    record Impairment(String serviceId, String name, Instant from, Instant until, String severity, String timeBasis,
                      String source, List<StatusUpdate> statusPageUpdates, String confounder) {
    }

    /** An unrelated or misleading event in the same window (CrowdStrike) and the services it impaired. */
    record Confounder(String id, String component, List<Impairment> servicesAffected) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Timeline read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(io.faultline.ingestion.ParseErrors.describe(file, "YAML", e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": not a timeline (expected a YAML mapping)");
        }
        Reader r = new Reader(file);
        List<StatusUpdate> provider = new ArrayList<>();
        for (JsonNode u : root.path("providerStatusUpdates")) {
            provider.add(r.update(u, "providerStatusUpdates[]", r.text(u, "component", "providerStatusUpdates[]")));
        }
        List<Impairment> services = new ArrayList<>();
        for (JsonNode s : root.path("services")) {
            services.add(r.impairment(s, "services[]", null));
        }
        List<Confounder> confounders = new ArrayList<>();
        for (JsonNode c : root.path("confounders")) {
            String cid = r.text(c, "id", "confounders[]");
            List<Impairment> affected = new ArrayList<>();
            for (JsonNode s : c.path("servicesAffected")) {
                affected.add(r.impairment(s, "confounders[" + cid + "].servicesAffected[]", cid));
            }
            confounders.add(new Confounder(cid, c.path("component").asText(null), affected));
        }
        JsonNode window = root.path("window");
        return new Timeline(r.text(root, "id", ""), root.path("title").asText(""),
                r.time(window, "start", "window"), r.time(window, "end", "window"),
                r.text(root.path("cause"), "component", "cause"), provider, services, confounders);
    }

    private record Reader(Path file) {
        String text(JsonNode n, String key, String where) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull() || v.asText().isBlank()) {
                throw new IllegalArgumentException(file + ": " + where + (where.isEmpty() ? "" : ".") + key + " is required");
            }
            return v.asText();
        }

        Instant time(JsonNode n, String key, String where) {
            String t = text(n, key, where);
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(file + ": " + where + "." + key + " '" + t
                        + "' is not a quoted ISO-8601 UTC time like '2021-12-07T15:30:00Z'", e);
            }
        }

        StatusUpdate update(JsonNode u, String where, String component) {
            return new StatusUpdate(time(u, "time", where), component, text(u, "status", where),
                    u.path("phase").asText(null), u.path("text").asText(""), u.path("source").asText(""));
        }

        Impairment impairment(JsonNode s, String where, String confounder) {
            String id = text(s, "id", where);
            String w = where + "[" + id + "]";
            List<StatusUpdate> updates = new ArrayList<>();
            for (JsonNode u : s.path("statusPageUpdates")) {
                updates.add(update(u, w + ".statusPageUpdates[]", null));
            }
            Instant from = time(s, "impairedFrom", w);
            Instant until = time(s, "impairedUntil", w);
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException(file + ": " + w + ": impairedFrom " + from + " is not before impairedUntil " + until);
            }
            String severity = text(s, "severity", w);
            if (!severity.equals("down") && !severity.equals("degraded")) {
                throw new IllegalArgumentException(file + ": " + w + ".severity '" + severity + "' is not one of [down, degraded]");
            }
            return new Impairment(id, s.path("name").asText(id), from, until, severity,
                    s.path("timeBasis").asText(""), s.path("source").asText(""), updates, confounder);
        }
    }
}
