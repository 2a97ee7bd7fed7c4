package io.faultline.ingestion.statuspage.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.faultline.testsupport.ManualClock;

/** A loopback server imitates each format's public endpoints with the fixtures; detection names the one that answers. */
class FormatDetectorTest {

    private final TestServer server = new TestServer()
            .serve("/sp/api/v2/summary.json", resource("summary_with_groups.json"))
            .serve("/in/summary.json", resource("instatus/summary_hasissues.json"))
            .serve("/slack/api/v2.0.0/current", resource("slack-status/current_ok.json"))
            .serve("/feed.rss", resource("health_status.rss"))
            .serve("/history.atom", resource("statuspage_history.atom"));
    private final PollerConfig lab = PollerConfig.defaults().withAllowPrivateAddresses(true)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] resource(String name) {
        try (InputStream in = FormatDetectorTest.class.getResourceAsStream("/statuspage/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> answering(PollerConfig config, String path) throws Exception {
        FormatDetector detector = new FormatDetector(new HttpFetcher(config, Resolver.SYSTEM,
                new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
        return detector.detect(server.uri(path).toString()).stream()
                .filter(FormatDetector.Attempt::answered).map(FormatDetector.Attempt::format).toList();
    }

    @Test
    void eachFormatIsRecognisedAtItsOwnEndpoint() throws Exception {
        assertThat(answering(lab, "/sp")).containsExactly("statuspage-v2");
        assertThat(answering(lab, "/in")).containsExactly("instatus");
        assertThat(answering(lab, "/slack")).containsExactly("slack-status");
        assertThat(answering(lab, "/feed.rss")).containsExactly("rss");
        assertThat(answering(lab, "/history.atom")).containsExactly("atom");
    }

    @Test
    void nothingAnswersOnAPageInNoKnownFormat() throws Exception {
        assertThat(answering(lab, "/nothing-here")).isEmpty();
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() throws Exception {
        FormatDetector detector = new FormatDetector(new HttpFetcher(lab.withAllowPrivateAddresses(false),
                Resolver.SYSTEM, new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
        List<FormatDetector.Attempt> attempts = detector.detect(server.uri("/sp").toString());
        assertThat(attempts).noneMatch(FormatDetector.Attempt::answered);
        assertThat(attempts.get(0).detail()).containsIgnoringCase("loopback");
        assertThat(server.requests).isEmpty();
    }
}
