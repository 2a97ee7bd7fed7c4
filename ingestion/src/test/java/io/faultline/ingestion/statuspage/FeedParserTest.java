package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.IncidentStatus;
import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.ParseOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private static final Instant T0 = Instant.parse("2024-03-01T09:50:00Z");

    private final FeedParser parser = new FeedParser();

    @Test
    void statuspageAtomEntrySplitsIntoDatedUpdates() {
        PageSnapshot page = Fixtures.cleanPage(parser.parse("example", null, Fixtures.resource("statuspage_history.atom")));

        assertThat(page.format()).isEqualTo(StatusPageFormat.ATOM);
        assertThat(page.pageUrl()).isEqualTo("https://status.example.com");
        PageIncident inc = page.incident("tag:status.example.com,2005:Incident/1001").orElseThrow();
        assertThat(inc.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(inc.updates()).extracting(IncidentUpdate::createdAt)
                .containsExactly(T0, T0.plusSeconds(40 * 60), T0.plusSeconds(100 * 60));
        // "Update" carries the status before it; entities are decoded once, tags stripped
        assertThat(inc.updates()).extracting(IncidentUpdate::status).containsExactly(
                IncidentStatus.INVESTIGATING, IncidentStatus.INVESTIGATING, IncidentStatus.RESOLVED);
        assertThat(inc.updates().get(1).body()).isEqualTo("Update - We are still working on it & will report.");
        assertThat(inc.updates()).extracting(IncidentUpdate::id).endsWith("tag:status.example.com,2005:Incident/1001#3");
    }

    @Test
    void paragraphDatesAcrossNewYearTakeThePreviousYear() {
        PageSnapshot page = parser.parse("example", null, Fixtures.resource("statuspage_history.atom")).records().get(0);
        assertThat(page.incident("tag:status.example.com,2005:Incident/1000").orElseThrow().updates())
                .extracting(IncidentUpdate::createdAt)
                .containsExactly(Instant.parse("2023-12-31T23:50:00Z"), Instant.parse("2024-01-01T00:20:00Z"));
    }

    @Test
    void rssItemsTakeStatusFromWordsAndAnUnkeyedItemIsRejected() {
        ParseOutcome<PageSnapshot> out = parser.parse("cloud", null, Fixtures.resource("health_status.rss"));
        PageSnapshot page = out.records().get(0);

        assertThat(page.format()).isEqualTo(StatusPageFormat.RSS);
        assertThat(page.updatedAt()).isEqualTo(Instant.parse("2026-08-18T12:20:30Z")); // PDT = UTC-7
        assertThat(page.incidents()).extracting(PageIncident::status)
                .containsExactly(IncidentStatus.RESOLVED, IncidentStatus.INVESTIGATING);
        IncidentUpdate resolved = page.incidents().get(0).latestUpdate().orElseThrow();
        assertThat(resolved.body()).isEqualTo("Between 6:00 PM and 8:40 PM PDT we saw increased error rates. The issue has been resolved.");
        assertThat(resolved.createdAt()).isEqualTo(Instant.parse("2026-08-18T04:01:19Z"));
        assertThat(out.rejected()).singleElement().extracting(r -> r.errorType()).isEqualTo("MISSING_FIELD");
    }

    @Test
    void externalEntityIsNeverResolved() {
        ParseOutcome<PageSnapshot> out = parser.parse("evil", null, Fixtures.resource("xxe.atom"));

        assertThat(out.records()).allSatisfy(p -> assertThat(p.incidents()).allSatisfy(i -> {
            assertThat(i.name()).doesNotContain("root:");
            assertThat(i.updates()).allSatisfy(u -> assertThat(String.valueOf(u.body())).doesNotContain("root:"));
        }));
        assertThat(out.rejected()).singleElement().extracting(r -> r.errorType()).isEqualTo("PARSE_ERROR");
    }

    @Test
    void notAFeedIsUnsupported() {
        ParseOutcome<PageSnapshot> out = parser.parse("x", null, "<html><body/></html>".getBytes());
        assertThat(out.records()).isEmpty();
        assertThat(out.rejected()).singleElement().extracting(r -> r.errorType()).isEqualTo("UNSUPPORTED_FORMAT");
    }

    @Test
    void realGithubHistoryAtom() {
        PageSnapshot page = Fixtures.cleanPage(parser.parse("github", null, Fixtures.sample("github_history_atom_2026-08-22.atom")));

        assertThat(page.incidents()).hasSize(25);
        assertThat(page.updatedAt()).isEqualTo(Instant.parse("2026-08-22T03:43:56Z"));
        assertThat(page.pageUrl()).isEqualTo("https://www.githubstatus.com");
        assertThat(page.incidents()).allSatisfy(i -> assertThat(i.updates()).isNotEmpty()
                .allSatisfy(u -> assertThat(u.createdAt()).isNotNull()));
    }

    @Test
    void realGithubMaintenanceGoesScheduledInProgressCompleted() {
        String id = "tag:www.githubstatus.com,2005:Incident/24694695";
        IncidentStatus[] expected = {IncidentStatus.SCHEDULED, IncidentStatus.IN_PROGRESS, IncidentStatus.COMPLETED};
        String[] days = {"2025-04-21", "2025-04-22", "2025-04-23"};
        for (int d = 0; d < days.length; d++) {
            PageIncident m = parser.parse("github", null,
                    Fixtures.sample("github_history_atom_seq_maintenance_" + days[d] + ".atom"))
                    .records().get(0).incident(id).orElseThrow();
            assertThat(m.name()).isEqualTo("Codespaces Scheduled Maintenance");
            assertThat(m.maintenance()).isTrue();
            assertThat(m.status()).isEqualTo(expected[d]);
            assertThat(m.updates()).hasSize(d + 1); // the "THIS IS A SCHEDULED EVENT" header is not an update
        }
    }

    @Test
    void realAwsRssReadsAllItemsWithPdtDates() {
        PageSnapshot page = Fixtures.cleanPage(parser.parse("aws", null, Fixtures.sample("aws_all_rss_2026-08-18.rss")));

        assertThat(page.incidents()).hasSize(50);
        PageIncident first = page.incident("https://status.aws.amazon.com/#directconnect-eu-central-1_1787025679").orElseThrow();
        assertThat(first.name()).isEqualTo("Service is operating normally: [RESOLVED] Increased Packet loss");
        assertThat(first.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(first.latestUpdate().orElseThrow().createdAt()).isEqualTo(Instant.parse("2026-08-18T04:01:19Z"));
    }

    @Test
    void realEmptyAzureFeed() {
        ParseOutcome<PageSnapshot> out = parser.parse("azure", null, Fixtures.sample("azure_status_feed_2026-07-31_empty.xml"));
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records().get(0).incidents()).isEmpty();
    }
}
