package io.faultline.ingestion.statuspage;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the words pages use onto the Statuspage v2 vocabulary. Anything not recognised becomes
 * UNKNOWN rather than a rejection: one odd value must not cost us the rest of the page.
 */
final class Vocabulary {

    /**
     * Status words searched in free text, most final first: an update saying "resolved … we had
     * been investigating" is resolved.
     */
    private static final List<Map.Entry<Pattern, IncidentStatus>> STATUS_WORDS = List.of(
            Map.entry(word("resolved|operating normally"), IncidentStatus.RESOLVED),
            Map.entry(word("completed"), IncidentStatus.COMPLETED),
            Map.entry(word("postmortem|post-mortem"), IncidentStatus.POSTMORTEM),
            Map.entry(word("verifying"), IncidentStatus.VERIFYING),
            Map.entry(word("monitoring"), IncidentStatus.MONITORING),
            Map.entry(word("in progress"), IncidentStatus.IN_PROGRESS),
            Map.entry(word("identified"), IncidentStatus.IDENTIFIED),
            Map.entry(word("investigating"), IncidentStatus.INVESTIGATING),
            Map.entry(word("scheduled"), IncidentStatus.SCHEDULED));

    private Vocabulary() {
    }

    private static Pattern word(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b", Pattern.CASE_INSENSITIVE);
    }

    private static String norm(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    static ComponentStatus componentStatus(String s) {
        return switch (norm(s)) {
            case "operational" -> ComponentStatus.OPERATIONAL;
            case "degraded_performance" -> ComponentStatus.DEGRADED_PERFORMANCE;
            case "partial_outage" -> ComponentStatus.PARTIAL_OUTAGE;
            case "major_outage" -> ComponentStatus.MAJOR_OUTAGE;
            case "under_maintenance" -> ComponentStatus.UNDER_MAINTENANCE;
            default -> ComponentStatus.UNKNOWN;
        };
    }

    /** Exact Statuspage vocabulary (incident and maintenance statuses). */
    static IncidentStatus incidentStatus(String s) {
        return switch (norm(s)) {
            case "investigating" -> IncidentStatus.INVESTIGATING;
            case "identified" -> IncidentStatus.IDENTIFIED;
            case "monitoring" -> IncidentStatus.MONITORING;
            case "resolved" -> IncidentStatus.RESOLVED;
            case "postmortem" -> IncidentStatus.POSTMORTEM;
            case "scheduled" -> IncidentStatus.SCHEDULED;
            case "in_progress" -> IncidentStatus.IN_PROGRESS;
            case "verifying" -> IncidentStatus.VERIFYING;
            case "completed" -> IncidentStatus.COMPLETED;
            default -> IncidentStatus.UNKNOWN;
        };
    }

    static IncidentImpact impact(String s) {
        return switch (norm(s)) {
            case "none" -> IncidentImpact.NONE;
            case "minor" -> IncidentImpact.MINOR;
            case "major" -> IncidentImpact.MAJOR;
            case "critical" -> IncidentImpact.CRITICAL;
            case "maintenance" -> IncidentImpact.MAINTENANCE;
            default -> IncidentImpact.UNKNOWN;
        };
    }

    /** First status word found in any of the texts, tried in order (title before body). */
    static IncidentStatus statusFromWords(String... texts) {
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            for (Map.Entry<Pattern, IncidentStatus> e : STATUS_WORDS) {
                if (e.getKey().matcher(text).find()) {
                    return e.getValue();
                }
            }
        }
        return IncidentStatus.UNKNOWN;
    }

    static boolean isMaintenanceStatus(IncidentStatus s) {
        return s == IncidentStatus.SCHEDULED || s == IncidentStatus.IN_PROGRESS
                || s == IncidentStatus.VERIFYING || s == IncidentStatus.COMPLETED;
    }

    /** Higher is worse; UNKNOWN ranks below every stated status so it never hides one. */
    static int severity(ComponentStatus s) {
        return switch (s) {
            case UNKNOWN -> 0;
            case OPERATIONAL -> 1;
            case UNDER_MAINTENANCE -> 2;
            case DEGRADED_PERFORMANCE -> 3;
            case PARTIAL_OUTAGE -> 4;
            case MAJOR_OUTAGE -> 5;
        };
    }

    static ComponentStatus worse(ComponentStatus a, ComponentStatus b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return severity(b) > severity(a) ? b : a;
    }
}
