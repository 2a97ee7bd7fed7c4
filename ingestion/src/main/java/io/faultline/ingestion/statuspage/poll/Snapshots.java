package io.faultline.ingestion.statuspage.poll;

import io.faultline.ingestion.statuspage.IncidentUpdate;
import io.faultline.ingestion.statuspage.PageComponent;
import io.faultline.ingestion.statuspage.PageIncident;
import io.faultline.ingestion.statuspage.PageSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the reads of a page's endpoints (summary.json + incidents.json) into one snapshot, so the
 * change detector compares the page as a whole. Components come from the first endpoint that lists
 * any; incidents are the union by id, with the updates of both reads merged by update id and the
 * later read's status kept.
 */
final class Snapshots {

    private Snapshots() {
    }

    static PageSnapshot combine(List<PageSnapshot> reads) {
        if (reads.size() == 1) {
            return reads.get(0);
        }
        PageSnapshot first = reads.get(0);
        List<PageComponent> components = List.of();
        Map<String, PageIncident> incidents = new LinkedHashMap<>();
        Instant updated = null;
        for (PageSnapshot s : reads) {
            if (components.isEmpty()) {
                components = s.components();
            }
            for (PageIncident i : s.incidents()) {
                PageIncident before = incidents.get(i.id());
                incidents.put(i.id(), before == null ? i : i.withUpdates(union(before.updates(), i.updates())));
            }
            if (s.updatedAt() != null && (updated == null || s.updatedAt().isAfter(updated))) {
                updated = s.updatedAt();
            }
        }
        return new PageSnapshot(first.pageId(), first.pageUrl(), first.format(), updated, components,
                new ArrayList<>(incidents.values()));
    }

    private static List<IncidentUpdate> union(List<IncidentUpdate> a, List<IncidentUpdate> b) {
        Map<String, IncidentUpdate> byId = new LinkedHashMap<>();
        a.forEach(u -> byId.put(u.id(), u));
        b.forEach(u -> byId.put(u.id(), u));
        return new ArrayList<>(byId.values());
    }
}
