package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.StatusPageObservation;
import io.faultline.ingestion.ParseOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstatusAndSlackParserTest {

    private static final Instant NOW = Instant.parse("2026-08-18T12:00:00Z");

    @Test
    void instatusPublishedSummary() {
        PageSnapshot page = Fixtures.cleanPage(new InstatusParser().parse("instatus", "https://instat.us",
                Fixtures.resource("instatus/summary_hasissues.json")));

        assertThat(page.incidents()).hasSize(2);
        PageIncident api = page.incident("https://testing-widget.instatus.com/incident/cl4a8n3070721qtmzvts760c4")
                .orElseThrow();
        assertThat(api.name()).isEqualTo("We're facing an issue with our API");
        assertThat(api.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(api.impact()).isEqualTo(IncidentImpact.MAJOR);
        assertThat(api.maintenance()).isFalse();
        assertThat(api.createdAt()).isEqualTo(Instant.parse("2022-06-11T18:55:50Z"));
        assertThat(api.latestUpdate().orElseThrow().worstStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        PageIncident db = page.incident("https://testing-widget.instatus.com/maintenance/cl4a8nlv50918qtmzdlw60ivu")
                .orElseThrow();
        assertThat(db.maintenance()).isTrue();
        assertThat(db.status()).isEqualTo(IncidentStatus.SCHEDULED);
        assertThat(page.updatedAt()).isEqualTo(Instant.parse("2022-06-11T18:55:54Z"));
    }

    @Test
    void instatusStatusChangeIsOneNewObservation() {
        String before = new String(Fixtures.resource("instatus/summary_hasissues.json"), StandardCharsets.UTF_8);
        String after = before.replace("\"INVESTIGATING\"", "\"MONITORING\"");
        InstatusParser parser = new InstatusParser();
        ChangeDetector detector = new ChangeDetector();
        ChangeDetection first = detector.detect(null,
                parser.parse("instatus", null, before.getBytes(StandardCharsets.UTF_8)).records().get(0), NOW);
        ChangeDetection second = detector.detect(first.state(),
                parser.parse("instatus", null, after.getBytes(StandardCharsets.UTF_8)).records().get(0), NOW);
        ChangeDetection third = detector.detect(second.state(),
                parser.parse("instatus", null, after.getBytes(StandardCharsets.UTF_8)).records().get(0), NOW);

        assertThat(second.observations()).extracting(StatusPageObservation::getIncidentStatus)
                .containsExactly(IncidentStatus.MONITORING);
        assertThat(third.observations()).isEmpty();
    }

    @Test
    void instatusBadItemIsRejectedAloneAndWrongShapeIsRejected() {
        String body = "{\"page\":{\"status\":\"HASISSUES\"},\"activeIncidents\":[{\"name\":\"no url\"},"
                + "{\"name\":\"ok\",\"status\":\"IDENTIFIED\",\"url\":\"https://x/incident/1\"}]}";
        ParseOutcome<PageSnapshot> out = new InstatusParser().parse("p", null, body.getBytes(StandardCharsets.UTF_8));
        assertThat(out.rejected()).hasSize(1);
        assertThat(out.records().get(0).incidents()).extracting(PageIncident::status)
                .containsExactly(IncidentStatus.IDENTIFIED);
        assertThat(new InstatusParser().parse("p", null, "[1,2]".getBytes(StandardCharsets.UTF_8)).records()).isEmpty();
    }

    @Test
    void slackHistoryRealCapture() {
        PageSnapshot page = Fixtures.cleanPage(new SlackStatusParser().parse("slack", "https://slack-status.com",
                Fixtures.resource("slack-status/history_2026-08-18.json")));

        assertThat(page.incidents()).extracting(PageIncident::id).containsExactly("1576", "1575", "1574", "1573", "1572");
        PageIncident active = page.incident("1576").orElseThrow();
        assertThat(active.status()).isEqualTo(IncidentStatus.INVESTIGATING);
        assertThat(active.affectedComponents()).containsExactly("Messaging", "Workspace/Org Administration");
        assertThat(active.updates()).hasSize(6);
        assertThat(active.createdAt()).isEqualTo(Instant.parse("2026-08-13T21:21:41Z"));
        assertThat(active.updates().get(0).body()).doesNotContain("<p>").startsWith("Users with custom data retention");
        assertThat(page.incident("1575").orElseThrow().status()).isEqualTo(IncidentStatus.RESOLVED);
    }

    @Test
    void slackCurrentOkHasNoIncidentsAndItsDate() {
        ParseOutcome<PageSnapshot> out = new SlackStatusParser().parse("slack", null,
                Fixtures.resource("slack-status/current_ok.json"));
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records().get(0).incidents()).isEmpty();
        assertThat(out.records().get(0).updatedAt()).isEqualTo(Instant.parse("2018-09-08T01:34:15Z"));
    }

    @Test
    void slackResolvedAfterActiveEmitsOnlyTheNewNote() {
        String active = "{\"status\":\"active\",\"active_incidents\":[{\"id\":7,\"title\":\"t\",\"type\":\"incident\","
                + "\"status\":\"active\",\"services\":[\"Calls\"],\"date_created\":\"2026-01-01T00:00:00Z\","
                + "\"notes\":[{\"body\":\"<p>We are investigating</p>\",\"date_created\":\"2026-01-01T00:00:00Z\"}]}]}";
        String resolved = "[{\"id\":7,\"title\":\"t\",\"type\":\"incident\",\"status\":\"resolved\",\"services\":[\"Calls\"],"
                + "\"date_created\":\"2026-01-01T00:00:00Z\",\"notes\":["
                + "{\"body\":\"<p>We are investigating</p>\",\"date_created\":\"2026-01-01T00:00:00Z\"},"
                + "{\"body\":\"<p>Fixed.</p>\",\"date_created\":\"2026-01-01T01:00:00Z\"}]}]";
        SlackStatusParser parser = new SlackStatusParser();
        ChangeDetector detector = new ChangeDetector();
        ChangeDetection first = detector.detect(null,
                parser.parse("slack", null, active.getBytes(StandardCharsets.UTF_8)).records().get(0), NOW);
        ChangeDetection second = detector.detect(first.state(),
                parser.parse("slack", null, resolved.getBytes(StandardCharsets.UTF_8)).records().get(0), NOW);

        List<StatusPageObservation> obs = second.observations();
        assertThat(obs).extracting(StatusPageObservation::getIncidentStatus).containsExactly(IncidentStatus.RESOLVED);
    }

    @Test
    void slackWrongShapeIsRejectedNotThrown() {
        ParseOutcome<PageSnapshot> out = new SlackStatusParser().parse("p", null,
                "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(out.records()).isEmpty();
        assertThat(out.rejected()).hasSize(1);
    }
}
