package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.ingestion.ParseOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusPageV2ParserTest {

    private final StatusPageV2Parser parser = new StatusPageV2Parser();

    private PageSnapshot only(ParseOutcome<PageSnapshot> outcome) {
        assertThat(outcome.records()).hasSize(1);
        return outcome.records().get(0);
    }

    @Test
    void summaryResolvesGroupsSkipsGroupComponentsAndKeepsOddOnes() {
        ParseOutcome<PageSnapshot> out = parser.parse("example", null, Fixtures.resource("summary_with_groups.json"));
        PageSnapshot page = only(out);

        assertThat(page.pageUrl()).isEqualTo("https://status.example.com");
        assertThat(page.updatedAt()).isEqualTo(Instant.parse("2024-03-01T10:05:00Z"));
        assertThat(page.components()).extracting(PageComponent::id).containsExactly("cmp_api", "cmp_web", "cmp_odd");
        assertThat(page.component("cmp_api").orElseThrow().groupName()).isEqualTo("Europe");
        assertThat(page.component("cmp_api").orElseThrow().status()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(page.component("cmp_odd").orElseThrow().status()).isEqualTo(ComponentStatus.UNKNOWN);
        assertThat(out.rejected()).singleElement().satisfies(r -> {
            assertThat(r.errorType()).isEqualTo("MISSING_FIELD");
            assertThat(new String(r.payload())).contains("No id");
        });
    }

    @Test
    void summaryIncidentAndMaintenanceCarryTheirUpdatesOldestFirst() {
        PageSnapshot page = only(parser.parse("example", null, Fixtures.resource("summary_with_groups.json")));

        PageIncident inc = page.incident("inc_1").orElseThrow();
        assertThat(inc.status()).isEqualTo(IncidentStatus.IDENTIFIED);
        assertThat(inc.impact()).isEqualTo(IncidentImpact.MAJOR);
        assertThat(inc.updates()).extracting(IncidentUpdate::id).containsExactly("upd_1", "upd_2");
        assertThat(inc.latestUpdate().orElseThrow().worstStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(inc.latestUpdate().orElseThrow().affectedComponents()).containsExactly("API");
        PageIncident mnt = page.incident("mnt_1").orElseThrow();
        assertThat(mnt.maintenance()).isTrue();
        assertThat(mnt.status()).isEqualTo(IncidentStatus.SCHEDULED);
    }

    @Test
    void anUpdateWithoutIdIsRejectedAloneAndTheIncidentKept() {
        ParseOutcome<PageSnapshot> out = parser.parse("example", null, Fixtures.resource("incidents_several_updates.json"));
        PageSnapshot page = only(out);

        assertThat(page.components()).isEmpty();
        assertThat(page.incident("inc_1").orElseThrow().updates()).extracting(IncidentUpdate::status).containsExactly(
                IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED, IncidentStatus.MONITORING, IncidentStatus.RESOLVED);
        assertThat(page.incident("inc_0").orElseThrow().updates()).extracting(IncidentUpdate::id)
                .containsExactly("upd_0a", "upd_0b");
        assertThat(out.rejected()).singleElement().extracting(r -> r.errorType()).isEqualTo("MISSING_FIELD");
    }

    @Test
    void truncatedJsonIsOneParseErrorWithTheRawBytes() {
        byte[] bytes = Fixtures.resource("truncated_summary.json");
        ParseOutcome<PageSnapshot> out = parser.parse("example", "https://status.example.com", bytes);

        assertThat(out.records()).isEmpty();
        assertThat(out.rejected()).singleElement().satisfies(r -> {
            assertThat(r.errorType()).isEqualTo("PARSE_ERROR");
            assertThat(r.payload()).isEqualTo(bytes);
            assertThat(r.context()).containsEntry("pageId", "example");
        });
    }

    @Test
    void jsonOfAnotherShapeIsUnsupported() {
        ParseOutcome<PageSnapshot> out = parser.parse("example", null, "[1,2,3]".getBytes());
        assertThat(out.rejected()).singleElement().extracting(r -> r.errorType()).isEqualTo("UNSUPPORTED_FORMAT");
    }

    @Test
    void realGithubSummaryDuringIncidentLjwdk6qml8z8() {
        PageSnapshot page = only(parser.parse("github", null,
                Fixtures.sample("github_summary_2022-11-25_incident_in_progress.json")));

        assertThat(page.pageUrl()).isEqualTo("https://www.githubstatus.com");
        assertThat(page.updatedAt()).isEqualTo(Instant.parse("2022-11-25T15:50:05.892Z"));
        assertThat(page.components()).filteredOn(c -> c.status() != ComponentStatus.OPERATIONAL)
                .extracting(PageComponent::name).containsExactly("Packages");
        PageIncident inc = page.incident("ljwdk6qml8z8").orElseThrow();
        assertThat(inc.name()).isEqualTo("Incident with Packages and Pages");
        assertThat(inc.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(inc.impact()).isEqualTo(IncidentImpact.MAJOR);
        assertThat(inc.updates()).hasSize(7);
        assertThat(inc.latestUpdate().orElseThrow().id()).isEqualTo("k0x2s8g2plxb");
        assertThat(inc.latestUpdate().orElseThrow().affectedComponents()).containsExactlyInAnyOrder("Pages", "Packages");
    }

    @Test
    void realBitbucketSummaryWithIdentifiedIncident() {
        PageSnapshot page = only(parser.parse("bitbucket", null,
                Fixtures.sample("bitbucket_summary_2023-05-15_incident_identified.json")));

        assertThat(page.component(page.components().stream().filter(c -> c.name().equals("Pipelines"))
                .findFirst().orElseThrow().id()).orElseThrow().status()).isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
        PageIncident inc = page.incident("kl33kmbq9sxy").orElseThrow();
        assertThat(inc.name()).isEqualTo("Bitbucket Pipelines builds are failing or delayed");
        assertThat(inc.updates()).extracting(IncidentUpdate::status)
                .containsExactly(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED);
    }

    @Test
    void realClaudeSummaryAllOperational() {
        ParseOutcome<PageSnapshot> out = parser.parse("anthropic", null, Fixtures.sample("claude_summary_2026-09-23.json"));
        PageSnapshot page = only(out);

        assertThat(out.rejected()).isEmpty();
        assertThat(page.components()).hasSize(6).allMatch(c -> c.status() == ComponentStatus.OPERATIONAL);
        assertThat(page.components()).extracting(PageComponent::name).contains("Claude Code", "Claude API (api.anthropic.com)");
        assertThat(page.incidents()).isEmpty();
    }

    @Test
    void realIntercomGroupsRepeatComponentNamesAcrossRegions() {
        PageSnapshot page = only(parser.parse("intercom", null,
                Fixtures.sample("intercom_summary_2024-01-31_component_groups.json")));

        assertThat(page.components()).extracting(PageComponent::name).doesNotContain("Intercom Europe");
        assertThat(page.components()).filteredOn(c -> c.name().equals("Intercom Web Application"))
                .extracting(PageComponent::groupName).containsExactlyInAnyOrder("Intercom Europe", "Intercom Australia", null);
    }

    @Test
    void realSingleIncidentFileAndEmptyDiscordEndpoints() {
        PageSnapshot resolved = only(parser.parse("github", null,
                Fixtures.sample("github_incident_history/ljwdk6qml8z8.json")));
        assertThat(resolved.incident("ljwdk6qml8z8").orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(resolved.incident("ljwdk6qml8z8").orElseThrow().updates()).hasSize(9);

        ParseOutcome<PageSnapshot> maint = parser.parse("discord", null,
                Fixtures.sample("discord_scheduled-maintenances_upcoming_2020-03-04_wayback.json"));
        assertThat(maint.rejected()).isEmpty();
        assertThat(only(maint).incidents()).isEmpty();
        // the -08:00 offset of this page's updated_at is read as an instant
        assertThat(only(maint).updatedAt()).isEqualTo(Instant.parse("2020-03-04T22:50:09.916Z"));
    }
}
