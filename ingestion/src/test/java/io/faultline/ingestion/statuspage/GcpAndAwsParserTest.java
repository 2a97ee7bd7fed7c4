package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.ingestion.ParseOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GcpAndAwsParserTest {

    @Test
    void realGcpIncidents() {
        PageSnapshot page = Fixtures.cleanPage(new GcpIncidentsParser().parse("gcp", "https://status.cloud.google.com",
                Fixtures.sample("gcp_incidents_2026-08-18_first2.json")));

        assertThat(page.incidents()).extracting(PageIncident::id).containsExactly("3BvH3LVGcupoYqV6F4Nw", "T8gmtofFSTGT5tbhyciF");
        PageIncident cooling = page.incidents().get(0);
        assertThat(cooling.name()).contains("europe-west4-a due to a cooling failure");
        assertThat(cooling.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(cooling.impact()).isEqualTo(IncidentImpact.MINOR); // SERVICE_DISRUPTION
        assertThat(cooling.affectedComponents()).contains("Bare Metal Solution", "europe-west4");
        assertThat(cooling.updates()).hasSize(12);
        assertThat(cooling.latestUpdate().orElseThrow().createdAt()).isEqualTo(Instant.parse("2026-07-25T13:16:55Z"));
        assertThat(cooling.latestUpdate().orElseThrow().worstStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(page.updatedAt()).isEqualTo(Instant.parse("2026-07-25T13:16:55Z"));
    }

    @Test
    void realGcpFullYearParsesWithoutRejections() {
        ParseOutcome<PageSnapshot> out = new GcpIncidentsParser().parse("gcp", null, Fixtures.sample("gcp_incidents_2022-07.json"));
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records().get(0).incidents()).hasSize(157);
    }

    @Test
    void realAwsHealthDashboardData() {
        PageSnapshot page = Fixtures.cleanPage(new AwsHealthParser().parse("aws", "https://status.aws.amazon.com",
                Fixtures.sample("aws_health_dashboard_data_2022-07.json")));

        assertThat(page.incidents()).hasSize(86);
        PageIncident first = page.incident("internetconnectivity-us-east-2_1624564393").orElseThrow();
        assertThat(first.name()).isEqualTo("[RESOLVED] Internet Connectivity");
        assertThat(first.status()).isEqualTo(IncidentStatus.RESOLVED);
        assertThat(first.createdAt()).isEqualTo(Instant.ofEpochSecond(1624564393));
        assertThat(first.affectedComponents()).containsExactly("AWS Internet Connectivity (Ohio)");
        assertThat(first.latestUpdate().orElseThrow().body()).startsWith("12:53 PM PDT Between 12:15 PM and 12:21 PM PDT");
    }

    @Test
    void wrongShapesAreUnsupported() {
        assertThat(new GcpIncidentsParser().parse("gcp", null, "{}".getBytes()).rejected())
                .singleElement().extracting(r -> r.errorType()).isEqualTo("UNSUPPORTED_FORMAT");
        assertThat(new AwsHealthParser().parse("aws", null, "[]".getBytes()).rejected())
                .singleElement().extracting(r -> r.errorType()).isEqualTo("UNSUPPORTED_FORMAT");
    }
}
