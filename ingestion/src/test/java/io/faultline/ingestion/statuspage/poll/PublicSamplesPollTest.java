package io.faultline.ingestion.statuspage.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.IncidentStatus;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.statuspage.ChangeDetector;
import io.faultline.ingestion.statuspage.FeedParser;
import io.faultline.ingestion.statuspage.Fixtures;
import io.faultline.ingestion.statuspage.IncidentUpdate;
import io.faultline.ingestion.statuspage.PageSnapshot;
import io.faultline.ingestion.statuspage.StatusPageV2Parser;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real public samples (../shared/data/statuspages, read in place, see PROVENANCE.md) served by
 * a local server and polled: the poller must hand on exactly what the parsers and the change
 * detector make of them, and a real before/after pair must yield exactly the new updates.
 */
class PublicSamplesPollTest extends LocalPages {

    private final PollerConfig config = lab().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30));

    private PagePoller poller() {
        return poller(config, Map.of());
    }

    private PolledPage servedAt(String path, StatusPageFormat format) throws Exception {
        return new PolledPage("sample", server.uri(path).toString(), format, List.of(server.uri(path)));
    }

    @ParameterizedTest
    @CsvSource({
            "github_summary_2022-11-25_incident_in_progress.json, STATUSPAGE_V2",
            "github_summary_2026-07-31.json, STATUSPAGE_V2",
            "github_incidents_2026-07-31.json, STATUSPAGE_V2",
            "github_incident_8vfyvq16hzh9.json, STATUSPAGE_V2",
            "bitbucket_summary_2023-05-15_incident_identified.json, STATUSPAGE_V2",
            "intercom_summary_2024-01-31_component_groups.json, STATUSPAGE_V2",
            "dropbox_summary_2024-01-03.json, STATUSPAGE_V2",
            "claude_summary_2026-09-23.json, STATUSPAGE_V2",
            "discord_incidents_unresolved_2020-01-08_wayback.json, STATUSPAGE_V2",
            "github_history_atom_2026-08-22.atom, ATOM",
            "aws_all_rss_2026-08-18.rss, RSS",
            "azure_status_feed_2026-07-31_empty.xml, RSS",
            "gcp_incidents_2022-07.json, GCP_INCIDENTS_JSON",
            "gcp_incidents_2026-08-18_first2.json, GCP_INCIDENTS_JSON",
            "aws_health_dashboard_data_2022-07.json, AWS_HEALTH"})
    void aRealSampleComesThroughThePollerExactlyAsTheParserAndDetectorSeeIt(String file, StatusPageFormat format)
            throws Exception {
        byte[] body = Fixtures.sample(file);
        server.serve("/" + file, body);
        PolledPage page = servedAt("/" + file, format);

        PollResult r = poller().poll(page);

        ParseOutcome<PageSnapshot> parsed = new Parsers().parse(page, body);
        List<String> expected = new ChangeDetector().detect(null, parsed.records().get(0), T0).observations()
                .stream().map(StatusPageObservation::getObservationId).toList();
        assertThat(r.errors()).isEmpty();
        assertThat(sink.observations).extracting(StatusPageObservation::getObservationId)
                .containsExactlyElementsOf(expected);
        assertThat(sink.deadLetters).hasSameSizeAs(parsed.rejected());
        assertThat(sink.states).containsKey("sample");
    }

    @Test
    void githubsIncidentFromInProgressToResolvedYieldsExactlyTheNewUpdates() throws Exception {
        byte[] inProgress = Fixtures.sample("github_summary_2022-11-25_incident_in_progress.json");
        byte[] resolved = Fixtures.sample("github_incident_history/ljwdk6qml8z8.json");
        server.sequence("/api/v2/summary.json", TestServer.ok(inProgress), TestServer.ok(resolved));
        PolledPage page = servedAt("/api/v2/summary.json", StatusPageFormat.STATUSPAGE_V2);
        PagePoller poller = poller();

        poller.poll(page);
        List<StatusPageObservation> during = sink.drain();
        clock.advance(INTERVAL);
        poller.poll(page);
        List<StatusPageObservation> after = sink.drain();

        Set<String> before = updateIds(new StatusPageV2Parser().parse("sample", null, inProgress), "ljwdk6qml8z8");
        Set<String> end = updateIds(new StatusPageV2Parser().parse("sample", null, resolved), "ljwdk6qml8z8");
        Set<String> fresh = new HashSet<>(end);
        fresh.removeAll(before);
        assertThat(during).extracting(StatusPageObservation::getObservationId)
                .contains(before.stream().map(u -> "sample/incident/ljwdk6qml8z8/" + u).toArray(String[]::new));
        assertThat(fresh).isNotEmpty();
        assertThat(after).extracting(StatusPageObservation::getObservationId).containsExactlyInAnyOrderElementsOf(
                fresh.stream().map(u -> "sample/incident/ljwdk6qml8z8/" + u).toList());
        assertThat(after).extracting(StatusPageObservation::getIncidentStatus).contains(IncidentStatus.RESOLVED);
    }

    @Test
    void githubsAtomFeedOverThreeDaysYieldsEachUpdateOnce() throws Exception {
        String[] days = {"github_history_atom_seq_incident_2026-04-29.atom",
                "github_history_atom_seq_incident_2026-04-30.atom", "github_history_atom_seq_incident_2026-05-01.atom"};
        byte[][] bodies = {Fixtures.sample(days[0]), Fixtures.sample(days[1]), Fixtures.sample(days[2])};
        int[] served = {0};
        server.on("/history.atom", ex -> {
            String etag = "\"day" + served[0] + "\"";
            boolean fresh = etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"));
            TestServer.send(ex, fresh ? 304 : 200, Map.of("ETag", etag), bodies[served[0]]);
        });
        PolledPage page = servedAt("/history.atom", StatusPageFormat.ATOM);
        PagePoller poller = poller();
        FeedParser feeds = new FeedParser();

        Set<String> seen = new HashSet<>();
        for (int day = 0; day < days.length; day++) {
            served[0] = day;
            boolean firstDay = day == 0; // a first read reports open incidents only
            poller.poll(page);
            PollResult unchanged = poller.poll(page); // same day again: 304, nothing
            List<StatusPageObservation> emitted = sink.drain();
            Set<String> all = feeds.parse("sample", page.pageUrl(), bodies[day]).records().get(0).incidents().stream()
                    .filter(i -> !firstDay || !i.isClosed())
                    .flatMap(i -> i.updates().stream().map(u -> "sample/incident/" + i.id() + "/" + u.id()))
                    .collect(Collectors.toSet());
            Set<String> expected = new HashSet<>(all);
            expected.removeAll(seen);
            assertThat(unchanged.notModified()).isTrue();
            assertThat(emitted).extracting(StatusPageObservation::getObservationId)
                    .as("day %d", day).containsExactlyInAnyOrderElementsOf(expected);
            seen.addAll(feeds.parse("sample", page.pageUrl(), bodies[day]).records().get(0).incidents().stream()
                    .flatMap(i -> i.updates().stream().map(u -> "sample/incident/" + i.id() + "/" + u.id())).toList());
            clock.advance(INTERVAL);
        }
        assertThat(seen).anyMatch(id -> id.contains("/29855242"));
    }

    private static Set<String> updateIds(ParseOutcome<PageSnapshot> parsed, String incidentId) {
        return parsed.records().get(0).incident(incidentId).orElseThrow().updates().stream()
                .map(IncidentUpdate::id).collect(Collectors.toSet());
    }
}
