package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static io.faultline.app.ingest.PollingFixtures.readAll;
import static io.faultline.app.ingest.PollingFixtures.serve;

import com.sun.net.httpserver.HttpServer;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.embedded.EmbeddedStackExtension;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.statuspage.ChangeDetector;
import io.faultline.ingestion.statuspage.StatusPageV2Parser;
import io.faultline.ingestion.statuspage.poll.PageList;
import io.faultline.ingestion.statuspage.poll.PolledPage;
import io.faultline.ingestion.statuspage.poll.PollerConfig;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.app.ErrorReport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The poller against a local server, into the real embedded broker and registry: observations and
 * dead letters come back as Avro through the registry, and a restart restores the state from the
 * compacted topic, so the second run writes nothing new.
 */
class StatusPagePollerIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    private static final String SAMPLE = "github_summary_2022-11-25_incident_in_progress.json";

    @Test
    void pollsIntoTheBrokerAndARestartAddsNothing() throws Exception {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        byte[] summary = Files.readAllBytes(DataDir.file("statuspages/" + SAMPLE));
        byte[] truncated = Arrays.copyOf(summary, 700);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve(server, "/github/api/v2/summary.json", summary);
        serve(server, "/github/api/v2/incidents.json", "{\"incidents\":[]}".getBytes(StandardCharsets.UTF_8));
        serve(server, "/broken/api/v2/summary.json", truncated);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        List<PolledPage> pages = List.of(PageList.page("github", base + "/github", StatusPageFormat.STATUSPAGE_V2),
                PageList.page("broken", base + "/broken/api/v2/summary.json", StatusPageFormat.STATUSPAGE_V2));
        PollerConfig config = PollerConfig.defaults().withAllowPrivateAddresses(true);
        List<String> expected = new ChangeDetector().detect(null,
                        new StatusPageV2Parser().parse("github", base + "/github", summary).records().get(0), Instant.EPOCH)
                .observations().stream().map(StatusPageObservation::getObservationId).toList();

        EmbeddedStack stack = STACK.stack();
        try {
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            java.io.StringWriter printed = new java.io.StringWriter();
            PrintWriter out = new PrintWriter(printed, true);

            int first = new StatusPagePolling(config, pages, stack.bootstrapServers(), registry, stack.topics(), out).run(true);
            List<ConsumerRecord<String, StatusPageObservation>> afterFirst =
                    readAll(stack, stack.topics().rawStatusPage.name(), stack.topics().rawStatusPage.serde(registry));
            int second = new StatusPagePolling(config, pages, stack.bootstrapServers(), registry, stack.topics(), out).run(true);
            List<ConsumerRecord<String, StatusPageObservation>> afterSecond =
                    readAll(stack, stack.topics().rawStatusPage.name(), stack.topics().rawStatusPage.serde(registry));
            List<ConsumerRecord<String, DeadLetter>> dead =
                    readAll(stack, stack.topics().deadLetters.name(), stack.topics().deadLetters.serde(registry));
            Map<String, StatusPagePollerState> states = readAll(stack, stack.topics().statusPagePollerState.name(),
                    stack.topics().statusPagePollerState.serde(registry)).stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value, (a, b) -> b));

            // one of the two pages is broken in both rounds: a partial run, said by its exit code (docs/errors.md)
            assertThat(first).isEqualTo(ErrorReport.PARTIAL);
            assertThat(second).isEqualTo(ErrorReport.PARTIAL);
            assertThat(expected).isNotEmpty();
            assertThat(afterFirst).extracting(ConsumerRecord::key).containsOnly("github");
            assertThat(afterFirst).extracting(r -> r.value().getObservationId()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(afterSecond).as("the restart restored the state: nothing written twice").hasSameSizeAs(afterFirst);
            assertThat(states).containsKey("github");
            assertThat(states.get("github").getValidators()).containsKeys(base + "/github/api/v2/summary.json",
                    base + "/github/api/v2/incidents.json");
            assertThat(dead).filteredOn(r -> "broken".equals(r.value().getContext().get("pageId"))).isNotEmpty()
                    .allSatisfy(r -> {
                        assertThat(r.key()).isEqualTo("ingest.statuspage");
                        assertThat(r.value().getErrorType()).isEqualTo("PARSE_ERROR");
                        assertThat(bytes(r.value().getPayload())).isEqualTo(truncated);
                    });
            assertThat(printed.toString()).contains("polled 2 page(s): " + expected.size() + " change(s)")
                    .contains("restored state of 1 page(s)");
        } finally {
            server.stop(0);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
