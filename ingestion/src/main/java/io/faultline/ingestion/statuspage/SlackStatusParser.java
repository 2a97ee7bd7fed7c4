package io.faultline.ingestion.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Slack's status API v2.0.0 (https://docs.slack.dev/reference/slack-status-api): both
 * {@code /api/v2.0.0/current} (an object with {@code active_incidents}) and {@code /history} (an
 * array of the same items). An item is an incident, outage or maintenance with {@code services}
 * (the affected Slack features) and {@code notes}; each note is one update, keyed by the item id and
 * the note's time. History is polled beside current so the final "resolved" is seen.
 *
 * <p>Slack states no workflow status per note: the last note takes the item's status
 * (active / resolved / completed …), earlier notes are read from their words. Never throws.
 */
public final class SlackStatusParser {

    public ParseOutcome<PageSnapshot> parse(String pageId, String pageUrl, byte[] payload) {
        return JsonDocuments.parse(pageId, pageUrl, payload, root -> read(pageId, pageUrl, payload, root));
    }

    private ParseOutcome<PageSnapshot> read(String pageId, String pageUrl, byte[] payload, JsonNode root) {
        JsonNode list;
        if (root != null && root.isArray()) {
            list = root;
        } else if (root != null && root.isObject() && root.path("active_incidents").isArray()) {
            list = root.get("active_incidents");
        } else {
            return ParseOutcome.rejected(Rejections.of(Rejections.UNSUPPORTED_FORMAT,
                    "Slack status is an object with 'active_incidents' (current) or an array (history)", payload,
                    pageId, pageUrl, null));
        }
        List<Rejected> rejected = new ArrayList<>();
        List<PageIncident> incidents = new ArrayList<>();
        Instant updated = root.isObject() ? Json.time(root, "date_updated") : null;
        for (JsonNode n : list) {
            String id = Json.text(n, "id");
            if (!n.isObject() || id == null) {
                rejected.add(Rejections.of(n.isObject() ? Rejections.MISSING_FIELD : Rejections.PARSE_ERROR,
                        "item without id", Json.bytes(n), pageId, pageUrl, "incidents[]"));
                continue;
            }
            PageIncident incident = incident(id, n);
            incidents.add(incident);
            updated = Times.latest(updated, incident.updatedAt());
        }
        return new ParseOutcome<>(List.of(new PageSnapshot(pageId, pageUrl, StatusPageFormat.SLACK_STATUS, updated,
                List.of(), incidents)), rejected);
    }

    private static PageIncident incident(String id, JsonNode n) {
        boolean maintenance = "maintenance".equals(Json.text(n, "type"));
        IncidentStatus status = status(Json.text(n, "status"), maintenance);
        List<String> services = new ArrayList<>();
        Json.array(n, "services").forEach(s -> {
            if (s.isTextual() && !s.asText().isBlank()) {
                services.add(s.asText());
            }
        });
        ComponentStatus worst = maintenance ? ComponentStatus.UNDER_MAINTENANCE
                : "outage".equals(Json.text(n, "type")) ? ComponentStatus.MAJOR_OUTAGE : ComponentStatus.PARTIAL_OUTAGE;
        List<JsonNode> notes = Json.array(n, "notes");
        List<IncidentUpdate> updates = new ArrayList<>();
        for (int k = 0; k < notes.size(); k++) {
            JsonNode note = notes.get(k);
            Instant at = Json.time(note, "date_created");
            String body = Html.toText(Json.text(note, "body"));
            updates.add(new IncidentUpdate(id + "@" + (at != null ? at : "note" + k), IncidentStatus.UNKNOWN, body, at,
                    null, services, worst));
        }
        Instant created = Json.time(n, "date_created");
        Instant updated = Json.time(n, "date_updated");
        updates = lastCarries(updates, status);
        if (updates.isEmpty()) {
            updates.add(new IncidentUpdate(id + "@" + (updated != null ? updated : created), status,
                    Json.text(n, "title"), updated != null ? updated : created, updated, services, worst));
        }
        IncidentImpact impact = maintenance ? IncidentImpact.MAINTENANCE
                : "outage".equals(Json.text(n, "type")) ? IncidentImpact.MAJOR : IncidentImpact.MINOR;
        return new PageIncident(id, Json.text(n, "title"), status, impact, maintenance, created, updated, services,
                updates);
    }

    /** Oldest first: earlier notes read their status from their words, the newest takes the item's. */
    private static List<IncidentUpdate> lastCarries(List<IncidentUpdate> notes, IncidentStatus itemStatus) {
        List<IncidentUpdate> sorted = new ArrayList<>(new PageIncident("x", null, IncidentStatus.UNKNOWN,
                IncidentImpact.UNKNOWN, false, null, null, List.of(), notes).updates());
        for (int k = 0; k < sorted.size(); k++) {
            IncidentUpdate u = sorted.get(k);
            IncidentStatus s = k == sorted.size() - 1 ? itemStatus : Vocabulary.statusFromWords(u.body());
            sorted.set(k, u.withStatus(s));
        }
        return sorted;
    }

    private static IncidentStatus status(String s, boolean maintenance) {
        if (s == null) {
            return IncidentStatus.UNKNOWN;
        }
        return switch (s) {
            case "active" -> maintenance ? IncidentStatus.IN_PROGRESS : IncidentStatus.INVESTIGATING;
            case "resolved" -> maintenance ? IncidentStatus.COMPLETED : IncidentStatus.RESOLVED;
            case "scheduled" -> IncidentStatus.SCHEDULED;
            case "completed" -> IncidentStatus.COMPLETED;
            default -> Vocabulary.incidentStatus(s);
        };
    }
}
