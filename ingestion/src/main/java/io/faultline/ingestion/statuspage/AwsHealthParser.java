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
 * Reads the legacy AWS Service Health Dashboard {@code data.json}: {@code {"archive":[…],"current":[…]}},
 * each event {@code {service, service_name, summary, date (epoch seconds), status ("1".."3"),
 * description (HTML)}}. An event is one incident with one update, keyed {@code service_date}
 * (the same key the AWS RSS guid ends with).
 *
 * <p>Status comes from the summary words ("[RESOLVED] …"), else UNKNOWN. The numeric status is
 * severity: 1 informational, 2 performance issues, 3 service disruption. Limit: the timestamped
 * paragraphs inside one description are kept as one update body, not split.
 */
public final class AwsHealthParser {

    public ParseOutcome<PageSnapshot> parse(String pageId, String pageUrl, byte[] payload) {
        return JsonDocuments.parse(pageId, pageUrl, payload, root -> read(pageId, pageUrl, payload, root));
    }

    private ParseOutcome<PageSnapshot> read(String pageId, String pageUrl, byte[] payload, JsonNode root) {
        if (root == null || !root.isObject() || !(root.has("archive") || root.has("current"))) {
            return ParseOutcome.rejected(Rejections.of(Rejections.UNSUPPORTED_FORMAT,
                    "AWS data.json has an archive or current array", payload, pageId, pageUrl, null));
        }
        List<Rejected> rejected = new ArrayList<>();
        List<PageIncident> incidents = new ArrayList<>();
        Instant pageUpdated = null;
        for (String section : List.of("current", "archive")) {
            for (JsonNode n : Json.array(root, section)) {
                String service = Json.text(n, "service");
                Instant at = Json.time(n, "date");
                if (!n.isObject() || service == null || at == null) {
                    rejected.add(Rejections.of(Rejections.MISSING_FIELD, "event without service or date",
                            Json.bytes(n), pageId, pageUrl, section + "[]"));
                    continue;
                }
                PageIncident incident = incident(service + "_" + Json.text(n, "date").trim(), n, at);
                incidents.add(incident);
                pageUpdated = Times.latest(pageUpdated, at);
            }
        }
        return new ParseOutcome<>(List.of(new PageSnapshot(pageId, pageUrl, StatusPageFormat.AWS_HEALTH,
                pageUpdated, List.of(), incidents)), rejected);
    }

    private static PageIncident incident(String id, JsonNode n, Instant at) {
        String summary = Json.text(n, "summary");
        String body = Html.toText(Json.text(n, "description"));
        IncidentStatus status = Vocabulary.statusFromWords(summary);
        String serviceName = Json.text(n, "service_name");
        List<String> affected = serviceName == null ? List.of() : List.of(serviceName);
        String severity = Json.text(n, "status");
        IncidentUpdate update = new IncidentUpdate(id, status, body, at, at, affected, componentStatus(severity));
        return new PageIncident(id, summary, status, impact(severity), false, at, at, affected, List.of(update));
    }

    private static ComponentStatus componentStatus(String severity) {
        return switch (severity == null ? "" : severity.trim()) {
            case "0", "1" -> ComponentStatus.OPERATIONAL;
            case "2" -> ComponentStatus.DEGRADED_PERFORMANCE;
            case "3" -> ComponentStatus.MAJOR_OUTAGE;
            default -> ComponentStatus.UNKNOWN;
        };
    }

    private static IncidentImpact impact(String severity) {
        return switch (severity == null ? "" : severity.trim()) {
            case "0", "1" -> IncidentImpact.NONE;
            case "2" -> IncidentImpact.MINOR;
            case "3" -> IncidentImpact.MAJOR;
            default -> IncidentImpact.UNKNOWN;
        };
    }
}
