package io.faultline.ingestion.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an Instatus page's public {@code summary.json}: {@code page.status} and the active
 * incidents and maintenances (https://instatus.com/help/api/public-data). Items carry no id and no
 * update list, so an item's id is its URL and each status it shows is one update
 * ({@code <url>@<status>}): a move from INVESTIGATING to MONITORING is a new update for the change
 * detector. A resolved incident leaves the list; what it last said is kept by the detector.
 *
 * <p>Times are JavaScript {@code Date.toString()} text ("Sat Jun 11 2022 18:55:50 GMT+0000
 * (Coordinated Universal Time)"); ISO times are read too. Never throws.
 */
public final class InstatusParser {

    /** The documented page statuses; they also tell an Instatus summary from a Statuspage one. */
    private static final List<String> PAGE_STATUSES = List.of("UP", "HASISSUES", "UNDERMAINTENANCE");

    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM d yyyy HH:mm:ss 'GMT'Z", Locale.US);

    public ParseOutcome<PageSnapshot> parse(String pageId, String pageUrl, byte[] payload) {
        return JsonDocuments.parse(pageId, pageUrl, payload, root -> read(pageId, pageUrl, payload, root));
    }

    private ParseOutcome<PageSnapshot> read(String pageId, String pageUrl, byte[] payload, JsonNode root) {
        if (root == null || !root.isObject() || !PAGE_STATUSES.contains(String.valueOf(Json.text(root.path("page"), "status")))) {
            return ParseOutcome.rejected(Rejections.of(Rejections.UNSUPPORTED_FORMAT,
                    "Instatus summary.json is an object whose page.status is one of " + PAGE_STATUSES, payload, pageId,
                    pageUrl, null));
        }
        List<Rejected> rejected = new ArrayList<>();
        List<PageIncident> items = new ArrayList<>();
        for (JsonNode n : Json.array(root, "activeIncidents")) {
            item(n, false, pageId, pageUrl, rejected, items);
        }
        for (JsonNode n : Json.array(root, "activeMaintenances")) {
            item(n, true, pageId, pageUrl, rejected, items);
        }
        Instant updated = null;
        for (PageIncident i : items) {
            updated = Times.latest(updated, i.updatedAt());
        }
        return new ParseOutcome<>(List.of(new PageSnapshot(pageId, pageUrl, StatusPageFormat.INSTATUS, updated,
                List.of(), items)), rejected);
    }

    private static void item(JsonNode n, boolean maintenance, String pageId, String pageUrl,
                             List<Rejected> rejected, List<PageIncident> out) {
        String id = Json.text(n, "url");
        String state = Json.text(n, "status");
        if (!n.isObject() || id == null || state == null) {
            rejected.add(Rejections.of(n.isObject() ? Rejections.MISSING_FIELD : Rejections.PARSE_ERROR,
                    (maintenance ? "maintenance" : "incident") + " without url or status", Json.bytes(n), pageId,
                    pageUrl, maintenance ? "activeMaintenances[]" : "activeIncidents[]"));
            return;
        }
        Instant started = time(Json.text(n, maintenance ? "start" : "started"));
        IncidentStatus status = maintenance ? maintenanceStatus(state) : Vocabulary.incidentStatus(state);
        String impactWord = Json.text(n, "impact");
        IncidentUpdate update = new IncidentUpdate(id + "@" + state, status, Json.text(n, "name"), started, null,
                List.of(), maintenance ? ComponentStatus.UNDER_MAINTENANCE : componentStatus(impactWord));
        out.add(new PageIncident(id, Json.text(n, "name"), status,
                maintenance ? IncidentImpact.MAINTENANCE : impact(impactWord), maintenance, started, started,
                List.of(), List.of(update)));
    }

    static Instant time(String s) {
        if (s == null) {
            return null;
        }
        Instant iso = Times.parse(s);
        if (iso != null) {
            return iso;
        }
        int paren = s.indexOf(" (");
        try {
            return ZonedDateTime.parse((paren > 0 ? s.substring(0, paren) : s).trim(), JS_DATE).toInstant();
        } catch (DateTimeParseException e) {
            return null; // a bad time loses the time, not the item
        }
    }

    private static IncidentStatus maintenanceStatus(String s) {
        return switch (s) {
            case "NOTSTARTEDYET" -> IncidentStatus.SCHEDULED;
            case "INPROGRESS" -> IncidentStatus.IN_PROGRESS;
            case "COMPLETED" -> IncidentStatus.COMPLETED;
            default -> IncidentStatus.UNKNOWN;
        };
    }

    /** Instatus component vocabulary, also used as an incident's impact. */
    static ComponentStatus componentStatus(String s) {
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "OPERATIONAL" -> ComponentStatus.OPERATIONAL;
            case "UNDERMAINTENANCE" -> ComponentStatus.UNDER_MAINTENANCE;
            case "DEGRADEDPERFORMANCE" -> ComponentStatus.DEGRADED_PERFORMANCE;
            case "PARTIALOUTAGE", "MINOROUTAGE" -> ComponentStatus.PARTIAL_OUTAGE;
            case "MAJOROUTAGE" -> ComponentStatus.MAJOR_OUTAGE;
            default -> ComponentStatus.UNKNOWN;
        };
    }

    private static IncidentImpact impact(String s) {
        if (s == null) {
            return IncidentImpact.UNKNOWN;
        }
        return switch (s) {
            case "OPERATIONAL" -> IncidentImpact.NONE;
            case "DEGRADEDPERFORMANCE", "PARTIALOUTAGE", "MINOROUTAGE" -> IncidentImpact.MINOR;
            case "MAJOROUTAGE" -> IncidentImpact.MAJOR;
            default -> IncidentImpact.UNKNOWN;
        };
    }
}
