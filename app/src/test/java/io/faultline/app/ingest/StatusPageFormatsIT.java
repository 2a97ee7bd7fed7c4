package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static io.faultline.app.ingest.PollingFixtures.readAll;
import static io.faultline.app.ingest.PollingFixtures.serve;

import com.sun.net.httpserver.HttpServer;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.embedded.EmbeddedStackExtension;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;
import io.faultline.ingestion.statuspage.poll.PageList;
import io.faultline.ingestion.statuspage.poll.PolledPage;
import io.faultline.ingestion.statuspage.poll.PollerConfig;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.testsupport.DataDir;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ingest statuspages --once} (its polling path) against a loopback server imitating every
 * supported format's endpoints with the recorded samples, into the real embedded broker and
 * registry: every page is read and its changes arrive on raw.statuspage with its format.
 */
class StatusPageFormatsIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void everySupportedFormatIsReadIntoKafka() throws Exception {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        Path fixtures = home.resolve("ingestion/src/test/resources/statuspage");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve(server, "/sp/api/v2/summary.json", Files.readAllBytes(fixtures.resolve("summary_with_groups.json")));
        serve(server, "/sp/api/v2/incidents.json", Files.readAllBytes(fixtures.resolve("incidents_several_updates.json")));
        serve(server, "/feed.rss", Files.readAllBytes(fixtures.resolve("health_status.rss")));
        serve(server, "/history.atom", Files.readAllBytes(fixtures.resolve("statuspage_history.atom")));
        serve(server, "/in/summary.json", Files.readAllBytes(fixtures.resolve("instatus/summary_hasissues.json")));
        serve(server, "/slack/api/v2.0.0/current", Files.readAllBytes(fixtures.resolve("slack-status/current_ok.json")));
        serve(server, "/slack/api/v2.0.0/history",
                Files.readAllBytes(fixtures.resolve("slack-status/history_2026-08-18.json")));
        serve(server, "/gcp/incidents.json",
                Files.readAllBytes(DataDir.file("statuspages/gcp_incidents_2026-08-18_first2.json")));
        serve(server, "/aws/data.json",
                Files.readAllBytes(DataDir.file("statuspages/aws_health_dashboard_data_2022-07.json")));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, StatusPageFormat> expected = Map.of("sp", StatusPageFormat.STATUSPAGE_V2, "rss", StatusPageFormat.RSS,
                "atom", StatusPageFormat.ATOM, "instatus", StatusPageFormat.INSTATUS, "slack", StatusPageFormat.SLACK_STATUS,
                "gcp", StatusPageFormat.GCP_INCIDENTS_JSON, "aws", StatusPageFormat.AWS_HEALTH);
        List<PolledPage> pages = List.of(
                PageList.page("sp", base + "/sp", StatusPageFormat.STATUSPAGE_V2),
                PageList.page("rss", base + "/feed.rss", StatusPageFormat.RSS),
                PageList.page("atom", base + "/history.atom", StatusPageFormat.ATOM),
                PageList.page("instatus", base + "/in", StatusPageFormat.INSTATUS),
                PageList.page("slack", base + "/slack", StatusPageFormat.SLACK_STATUS),
                PageList.page("gcp", base + "/gcp/incidents.json", StatusPageFormat.GCP_INCIDENTS_JSON),
                PageList.page("aws", base + "/aws/data.json", StatusPageFormat.AWS_HEALTH));
        PollerConfig config = PollerConfig.defaults().withAllowPrivateAddresses(true);

        EmbeddedStack stack = STACK.stack();
        try {
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            PrintWriter out = new PrintWriter(new java.io.StringWriter(), true);

            int exit = new StatusPagePolling(config, pages, stack.bootstrapServers(), registry, stack.topics(), out).run(true);
            List<StatusPageObservation> written = new ArrayList<>();
            readAll(stack, stack.topics().rawStatusPage.name(), stack.topics().rawStatusPage.serde(registry))
                    .forEach(r -> written.add(r.value()));
            Map<String, StatusPageFormat> formatByPage = written.stream().collect(Collectors.toMap(
                    o -> o.getPageId(), o -> o.getFormat(), (a, b) -> a));

            Map<String, String> stateFormat = new java.util.HashMap<>();
            readAll(stack, stack.topics().statusPagePollerState.name(), stack.topics().statusPagePollerState.serde(registry))
                    .forEach(r -> stateFormat.put(r.key(), r.value().getFormat()));

            assertThat(exit).isZero();
            // every page was read: its state (what the change detector keeps) is on the state topic, in its format
            assertThat(stateFormat).containsExactlyInAnyOrderEntriesOf(expected.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().name())));
            // a first read reports what is open now: the pages with open incidents or components wrote changes
            assertThat(formatByPage).containsAllEntriesOf(Map.of("sp", StatusPageFormat.STATUSPAGE_V2,
                    "rss", StatusPageFormat.RSS, "instatus", StatusPageFormat.INSTATUS,
                    "slack", StatusPageFormat.SLACK_STATUS));
            assertThat(written).filteredOn(o -> o.getPageId().equals("slack"))
                    .extracting(StatusPageObservation::getIncidentId).contains("1576");
            assertThat(written).filteredOn(o -> o.getPageId().equals("instatus"))
                    .extracting(StatusPageObservation::getIncidentName).contains("We're facing an issue with our API");
        } finally {
            server.stop(0);
        }
    }
}
