package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.StatusPageFormat;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pages to poll, taken from the catalog: every entity with a status page URL in a format we
 * can parse. Entities with an unsupported format ({@code html}) or an unusable URL are listed in
 * {@link #skipped()} with the reason, so the command can say what it leaves out.
 *
 * <p>A Statuspage v2 page is read through two endpoints: {@code summary.json} (components, open
 * incidents, active maintenances) and {@code incidents.json} (the last 50 incidents, resolved
 * ones included). summary.json alone would miss the final "resolved" update, because an incident
 * leaves summary.json the moment it is resolved. Both usually answer 304 between changes. For the
 * same reason a Slack status page is read through {@code current} and {@code history}; an Instatus
 * page through its {@code summary.json} (the only public endpoint with a published example).
 */
public record PageList(List<PolledPage> pages, Map<String, String> skipped) {

    public static final Map<String, StatusPageFormat> SUPPORTED = Map.of(
            "statuspage-v2", StatusPageFormat.STATUSPAGE_V2,
            "rss", StatusPageFormat.RSS,
            "atom", StatusPageFormat.ATOM,
            "gcp-incidents-json", StatusPageFormat.GCP_INCIDENTS_JSON,
            "aws-health", StatusPageFormat.AWS_HEALTH,
            "instatus", StatusPageFormat.INSTATUS,
            "slack-status", StatusPageFormat.SLACK_STATUS);

    public PageList {
        pages = List.copyOf(pages);
        skipped = Map.copyOf(skipped);
    }

    public static PageList fromCatalog(List<CatalogEntry> entries) {
        List<PolledPage> pages = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (CatalogEntry e : entries) {
            if (e.getStatusPageUrl() == null || Boolean.TRUE.equals(e.getDeleted())) {
                continue;
            }
            String formatName = e.getStatusPageFormat() == null ? "" : e.getStatusPageFormat().toLowerCase(Locale.ROOT);
            StatusPageFormat format = SUPPORTED.get(formatName);
            if (format == null) {
                skipped.put(e.getEntityId(), "format '" + e.getStatusPageFormat() + "' is not polled (supported: "
                        + SUPPORTED.keySet().stream().sorted().toList() + ")");
                continue;
            }
            try {
                pages.add(page(e.getEntityId(), e.getStatusPageUrl(), format));
            } catch (URISyntaxException | IllegalArgumentException ex) {
                skipped.put(e.getEntityId(), "status page URL '" + e.getStatusPageUrl() + "' is unusable: "
                        + ex.getMessage());
            }
        }
        return new PageList(pages, skipped);
    }

    /** The page of {@code pageId} at {@code url}; Statuspage v2 base URLs get their API endpoints. */
    public static PolledPage page(String pageId, String url, StatusPageFormat format) throws URISyntaxException {
        URI uri = new URI(url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        if (format == StatusPageFormat.STATUSPAGE_V2 && !uri.getPath().endsWith(".json")) {
            String base = url.strip().replaceAll("/+$", "");
            return new PolledPage(pageId, url, format,
                    List.of(new URI(base + "/api/v2/summary.json"), new URI(base + "/api/v2/incidents.json")));
        }
        String base = url.strip().replaceAll("/+$", "");
        if (format == StatusPageFormat.INSTATUS && !uri.getPath().endsWith(".json")) {
            return new PolledPage(pageId, url, format, List.of(new URI(base + "/summary.json")));
        }
        if (format == StatusPageFormat.SLACK_STATUS && !uri.getPath().contains("/api/")) {
            return new PolledPage(pageId, url, format,
                    List.of(new URI(base + "/api/v2.0.0/current"), new URI(base + "/api/v2.0.0/history")));
        }
        return new PolledPage(pageId, url, format, List.of(uri));
    }
}
