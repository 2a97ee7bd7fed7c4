package io.faultline.ingestion.statuspage.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.EntityKind;
import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.catalog.CatalogYaml;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageListTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    private static CatalogEntry entry(String id, String url, String format) {
        return CatalogEntry.newBuilder().setEntityId(id).setName(id).setKind(EntityKind.SERVICE)
                .setStatusPageUrl(url).setStatusPageFormat(format).setEventTime(T0).build();
    }

    @Test
    void statuspageBaseUrlsGetTheirSummaryAndIncidentsEndpoints() {
        PageList list = PageList.fromCatalog(List.of(
                entry("github", "https://www.githubstatus.com/", "statuspage-v2"),
                entry("gcp", "https://status.cloud.google.com/incidents.json", "gcp-incidents-json"),
                entry("stripe", "https://status.stripe.com", "html"),
                entry("odd", "ftp://status.example.com", "rss"),
                entry("nopage", null, null)));

        assertThat(list.pages()).extracting(PolledPage::pageId).containsExactly("github", "gcp");
        assertThat(list.pages().get(0).endpoints()).containsExactly(
                URI.create("https://www.githubstatus.com/api/v2/summary.json"),
                URI.create("https://www.githubstatus.com/api/v2/incidents.json"));
        assertThat(list.pages().get(1).format()).isEqualTo(StatusPageFormat.GCP_INCIDENTS_JSON);
        assertThat(list.pages().get(1).endpoints()).containsExactly(URI.create("https://status.cloud.google.com/incidents.json"));
        assertThat(list.skipped()).containsOnlyKeys("stripe", "odd");
        assertThat(list.skipped().get("stripe")).contains("html");
    }

    @Test
    void theProjectCatalogYieldsPagesForEverySupportedFormat() {
        List<CatalogEntry> catalog = CatalogYaml.load(Path.of("..", "catalog"), T0).requireValid();
        PageList list = PageList.fromCatalog(catalog);

        long withPage = catalog.stream().filter(e -> e.getStatusPageUrl() != null).count();
        assertThat(list.pages().size() + list.skipped().size()).isEqualTo((int) withPage);
        assertThat(list.pages()).extracting(PolledPage::format).contains(StatusPageFormat.STATUSPAGE_V2,
                StatusPageFormat.RSS, StatusPageFormat.GCP_INCIDENTS_JSON, StatusPageFormat.INSTATUS,
                StatusPageFormat.SLACK_STATUS);
        assertThat(list.pages()).hasSizeGreaterThanOrEqualTo(400);
        assertThat(list.skipped().values()).allSatisfy(reason -> assertThat(reason).matches(
                "format '(html|betterstack|statusio|cachet|incident-io)' is not polled.*"));
        assertThat(list.pages()).allSatisfy(p -> assertThat(p.host()).isNotBlank());
    }
}
