package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.StatusPageFormat;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One status page to poll: the catalog entity that owns it and the URLs to read.
 *
 * @param pageId    catalog id of the owner; the key on raw.statuspage
 * @param pageUrl   the page's URL as the catalog gives it (carried on every observation)
 * @param format    the wire format, which picks the parser
 * @param endpoints URLs read on every poll, in order; together they make one snapshot of the page
 */
public record PolledPage(String pageId, String pageUrl, StatusPageFormat format, List<URI> endpoints) {

    public PolledPage {
        Objects.requireNonNull(pageId, "pageId");
        Objects.requireNonNull(format, "format");
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(pageId + ": a page needs at least one endpoint");
        }
    }

    /** Host of the first endpoint, the unit of per-host concurrency (lower case). */
    public String host() {
        String h = endpoints.get(0).getHost();
        return h == null ? "" : h.toLowerCase(java.util.Locale.ROOT);
    }
}
