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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads any Atlassian Statuspage v2 endpoint: {@code summary.json}, {@code components.json},
 * {@code incidents.json}, {@code incidents/unresolved.json}, {@code scheduled-maintenances*.json}
 * and the single-incident {@code incidents/<code>.json}. Whatever sections are present are read.
 *
 * <p>Never throws. Unreadable JSON rejects the whole payload; a bad component, incident or update
 * is rejected alone and everything around it is kept. Unknown vocabulary maps to UNKNOWN.
 */
public final class StatusPageV2Parser {

    private static final List<String> KNOWN_SECTIONS =
            List.of("page", "components", "incidents", "scheduled_maintenances", "incident", "status");

    /**
     * @param pageId  catalog id of the page's owner (the key on raw.statuspage)
     * @param pageUrl base URL read; when null, the page's own {@code page.url} is used
     * @return one snapshot, or none with the reason when the payload is not a Statuspage document
     */
    public ParseOutcome<PageSnapshot> parse(String pageId, String pageUrl, byte[] payload) {
        return JsonDocuments.parse(pageId, pageUrl, payload, root -> read(pageId, pageUrl, payload, root));
    }

    private ParseOutcome<PageSnapshot> read(String pageId, String pageUrl, byte[] payload, JsonNode root) {
        if (root == null || !root.isObject() || KNOWN_SECTIONS.stream().noneMatch(root::has)) {
            return ParseOutcome.rejected(Rejections.of(Rejections.UNSUPPORTED_FORMAT,
                    "not a Statuspage v2 document (no page, components or incidents)", payload, pageId, pageUrl,
                    null));
        }
        JsonNode page = root.get("page");
        String url = pageUrl != null ? pageUrl : Json.text(page, "url");
        List<Rejected> rejected = new ArrayList<>();
        Ctx ctx = new Ctx(pageId, url, rejected);

        List<PageComponent> components = readComponents(Json.array(root, "components"), ctx);
        List<PageIncident> incidents = new ArrayList<>();
        for (JsonNode n : Json.array(root, "incidents")) {
            readIncident(n, false, ctx, incidents);
        }
        for (JsonNode n : Json.array(root, "scheduled_maintenances")) {
            readIncident(n, true, ctx, incidents);
        }
        if (root.has("incident")) {
            readIncident(root.get("incident"), false, ctx, incidents);
        }
        PageSnapshot snapshot = new PageSnapshot(pageId, url, StatusPageFormat.STATUSPAGE_V2,
                Json.time(page, "updated_at"), components, incidents);
        return new ParseOutcome<>(List.of(snapshot), rejected);
    }

    private record Ctx(String pageId, String pageUrl, List<Rejected> rejected) {
        void reject(String type, String reason, JsonNode element, String where) {
            rejected.add(Rejections.of(type, reason, Json.bytes(element), pageId, pageUrl, where));
        }
    }

    private List<PageComponent> readComponents(List<JsonNode> nodes, Ctx ctx) {
        // groups first: a child may come before its group in the array
        Map<String, String> groupNames = new HashMap<>();
        for (JsonNode n : nodes) {
            if (n.isObject() && n.path("group").asBoolean(false) && Json.text(n, "id") != null) {
                groupNames.put(Json.text(n, "id"), Json.text(n, "name"));
            }
        }
        List<PageComponent> out = new ArrayList<>();
        for (JsonNode n : nodes) {
            if (!n.isObject()) {
                ctx.reject(Rejections.PARSE_ERROR, "component is not an object", n, "components[]");
            } else if (Json.text(n, "id") == null) {
                ctx.reject(Rejections.MISSING_FIELD, "component without id", n, "components[]");
            } else if (!n.path("group").asBoolean(false)) {
                String groupId = Json.text(n, "group_id");
                out.add(new PageComponent(Json.text(n, "id"), Json.text(n, "name"),
                        groupId == null ? null : groupNames.get(groupId),
                        Vocabulary.componentStatus(Json.text(n, "status")), Json.time(n, "updated_at")));
            }
        }
        return out;
    }

    private void readIncident(JsonNode n, boolean maintenance, Ctx ctx, List<PageIncident> out) {
        String where = maintenance ? "scheduled_maintenances[]" : "incidents[]";
        if (n == null || !n.isObject()) {
            ctx.reject(Rejections.PARSE_ERROR, "incident is not an object", n, where);
            return;
        }
        String id = Json.text(n, "id");
        if (id == null) {
            ctx.reject(Rejections.MISSING_FIELD, "incident without id", n, where);
            return;
        }
        IncidentStatus status = Vocabulary.incidentStatus(Json.text(n, "status"));
        IncidentImpact impact = Vocabulary.impact(Json.text(n, "impact"));
        Instant created = Json.time(n, "created_at");
        Instant updated = Json.time(n, "updated_at");
        List<String> incidentComponents = new ArrayList<>();
        for (JsonNode c : Json.array(n, "components")) {
            String name = Json.text(c, "name");
            if (name != null) {
                incidentComponents.add(name);
            }
        }
        List<IncidentUpdate> updates = new ArrayList<>();
        for (JsonNode u : Json.array(n, "incident_updates")) {
            IncidentUpdate update = readUpdate(u, ctx, where + ".incident_updates[] of " + id);
            if (update != null) {
                updates.add(update);
            }
        }
        if (updates.isEmpty()) {
            // keyed by the incident's own time so a later real update is still a new id
            updates.add(new IncidentUpdate(id + "@" + (updated != null ? updated : created), status, null,
                    updated != null ? updated : created, updated, incidentComponents, null));
        }
        boolean isMaintenance = maintenance || impact == IncidentImpact.MAINTENANCE
                || Vocabulary.isMaintenanceStatus(status);
        out.add(new PageIncident(id, Json.text(n, "name"), status, impact, isMaintenance, created, updated,
                incidentComponents, updates));
    }

    private IncidentUpdate readUpdate(JsonNode u, Ctx ctx, String where) {
        if (!u.isObject()) {
            ctx.reject(Rejections.PARSE_ERROR, "incident update is not an object", u, where);
            return null;
        }
        String id = Json.text(u, "id");
        if (id == null) {
            ctx.reject(Rejections.MISSING_FIELD, "incident update without id", u, where);
            return null;
        }
        List<String> affected = new ArrayList<>();
        ComponentStatus worst = null;
        for (JsonNode a : Json.array(u, "affected_components")) {
            String name = Json.text(a, "name");
            if (name != null) {
                affected.add(name);
            }
            if (Json.text(a, "new_status") != null) {
                worst = Vocabulary.worse(worst, Vocabulary.componentStatus(Json.text(a, "new_status")));
            }
        }
        Instant created = Json.time(u, "created_at");
        return new IncidentUpdate(id, Vocabulary.incidentStatus(Json.text(u, "status")), Json.text(u, "body"),
                created != null ? created : Json.time(u, "display_at"), Json.time(u, "updated_at"), affected, worst);
    }
}
