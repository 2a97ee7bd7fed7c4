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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Google Cloud's {@code incidents.json} (status.cloud.google.com): a JSON array of
 * incidents, each with {@code updates[]}. GCP updates have no ids, so an update is keyed by the
 * incident id and the update's {@code created} time. Affected components are the product titles
 * plus the location ids (e.g. {@code europe-west4}), because the region is what correlation needs.
 *
 * <p>Status: an incident with {@code end} is RESOLVED. An update whose status is AVAILABLE is
 * RESOLVED; otherwise the status is guessed from its words, else UNKNOWN (GCP states impact, not
 * a workflow status). Never throws; a bad incident or update is rejected alone.
 */
public final class GcpIncidentsParser {

    public ParseOutcome<PageSnapshot> parse(String pageId, String pageUrl, byte[] payload) {
        return JsonDocuments.parse(pageId, pageUrl, payload, root -> read(pageId, pageUrl, payload, root));
    }

    private ParseOutcome<PageSnapshot> read(String pageId, String pageUrl, byte[] payload, JsonNode root) {
        if (root == null || !root.isArray()) {
            return ParseOutcome.rejected(Rejections.of(Rejections.UNSUPPORTED_FORMAT,
                    "GCP incidents.json is a JSON array", payload, pageId, pageUrl, null));
        }
        List<Rejected> rejected = new ArrayList<>();
        List<PageIncident> incidents = new ArrayList<>();
        Instant pageUpdated = null;
        for (JsonNode n : root) {
            String id = Json.text(n, "id");
            if (!n.isObject() || id == null) {
                rejected.add(Rejections.of(n.isObject() ? Rejections.MISSING_FIELD : Rejections.PARSE_ERROR,
                        "incident without id", Json.bytes(n), pageId, pageUrl, "incidents[]"));
                continue;
            }
            PageIncident incident = incident(id, n, pageId, pageUrl, rejected);
            incidents.add(incident);
            pageUpdated = Times.latest(pageUpdated, incident.updatedAt());
        }
        return new ParseOutcome<>(List.of(new PageSnapshot(pageId, pageUrl, StatusPageFormat.GCP_INCIDENTS_JSON,
                pageUpdated, List.of(), incidents)), rejected);
    }

    private static PageIncident incident(String id, JsonNode n, String pageId, String pageUrl,
                                         List<Rejected> rejected) {
        Set<String> affected = new LinkedHashSet<>();
        Json.array(n, "affected_products").forEach(p -> addIfPresent(affected, Json.text(p, "title")));
        Json.array(n, "currently_affected_locations").forEach(l -> addIfPresent(affected, Json.text(l, "id")));
        Json.array(n, "previously_affected_locations").forEach(l -> addIfPresent(affected, Json.text(l, "id")));
        List<IncidentUpdate> updates = new ArrayList<>();
        for (JsonNode u : Json.array(n, "updates")) {
            Instant created = Json.time(u, "created");
            Instant when = Json.time(u, "when");
            if (!u.isObject() || (created == null && when == null)) {
                rejected.add(Rejections.of(Rejections.MISSING_FIELD, "update without created/when time",
                        Json.bytes(u), pageId, pageUrl, "updates[] of " + id));
                continue;
            }
            String gcpStatus = Json.text(u, "status");
            Set<String> locations = new LinkedHashSet<>();
            Json.array(u, "affected_locations").forEach(l -> addIfPresent(locations, Json.text(l, "id")));
            String text = Json.text(u, "text");
            IncidentStatus status = "AVAILABLE".equals(gcpStatus) ? IncidentStatus.RESOLVED
                    : Vocabulary.statusFromWords(text);
            updates.add(new IncidentUpdate(id + "@" + (created != null ? created : when), status, text,
                    when != null ? when : created, Json.time(u, "modified"), List.copyOf(locations),
                    componentStatus(gcpStatus)));
        }
        Instant created = Json.time(n, "created");
        Instant modified = Json.time(n, "modified");
        IncidentStatus status = Json.text(n, "end") != null ? IncidentStatus.RESOLVED
                : updates.isEmpty() ? IncidentStatus.UNKNOWN : updates.get(updates.size() - 1).status();
        if (updates.isEmpty()) {
            updates.add(new IncidentUpdate(id + "@" + (modified != null ? modified : created), status,
                    Json.text(n, "external_desc"), modified != null ? modified : created, modified,
                    List.copyOf(affected), componentStatus(Json.text(n, "status_impact"))));
        }
        return new PageIncident(id, Json.text(n, "external_desc"), status, impact(Json.text(n, "status_impact")),
                false, created, modified, List.copyOf(affected), updates);
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private static ComponentStatus componentStatus(String gcp) {
        if (gcp == null) {
            return null;
        }
        return switch (gcp) {
            case "AVAILABLE" -> ComponentStatus.OPERATIONAL;
            case "SERVICE_DISRUPTION" -> ComponentStatus.PARTIAL_OUTAGE;
            case "SERVICE_OUTAGE" -> ComponentStatus.MAJOR_OUTAGE;
            default -> ComponentStatus.UNKNOWN; // SERVICE_INFORMATION states no component health
        };
    }

    private static IncidentImpact impact(String statusImpact) {
        if (statusImpact == null) {
            return IncidentImpact.UNKNOWN;
        }
        return switch (statusImpact) {
            case "SERVICE_INFORMATION" -> IncidentImpact.NONE;
            case "SERVICE_DISRUPTION" -> IncidentImpact.MINOR;
            case "SERVICE_OUTAGE" -> IncidentImpact.MAJOR;
            default -> IncidentImpact.UNKNOWN;
        };
    }
}
