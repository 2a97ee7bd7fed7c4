package io.faultline.ingestion.social;

import static io.faultline.ingestion.social.XStreamParserTest.resource;
import static io.faultline.ingestion.social.XStreamParserTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;

class MastodonParserTest {

    static final Instant OBSERVED = Instant.parse("2022-11-15T12:00:00Z");
    final MastodonParser parser = new MastodonParser("mastodon.social", Clock.fixed(OBSERVED, ZoneOffset.UTC));

    @Test
    void fixtureSseStreamWithCrlfKeepAlivesAndBrokenEvents() {
        ParseOutcome<SocialPost> out = parser.parseSse(resource("mastodon_stream.sse"), Map.of("file", "mastodon_stream.sse"));

        assertThat(out.records()).extracting(SocialPost::getPostId).containsExactly(
                "mastodon:mastodon.social:109000000000000001", "mastodon:mastodon.social:109000000000000004");
        SocialPost first = out.records().get(0);
        assertThat(first.getPlatform()).isEqualTo(SocialPlatform.MASTODON);
        assertThat(first.getText()).isEqualTo("Is #github down? & pages too\n\nsecond\nline");
        assertThat(first.getHashtags()).containsExactly("github");
        assertThat(first.getAuthorId()).isEqualTo("42");
        assertThat(first.getAuthorHandle()).isEqualTo("ops");
        assertThat(first.getLang()).isEqualTo("en");
        assertThat(first.getEventTime()).isEqualTo(Instant.parse("2022-11-15T10:00:00Z"));
        // two data: lines of one event are joined before JSON parsing
        assertThat(out.records().get(1).getText()).isEqualTo("Störung bei Hetzner");
        assertThat(out.records().get(1).getMentions()).containsExactly("hetzner@mastodon.social");

        assertThat(out.rejected()).extracting(Rejected::errorType)
                .containsExactly("PARSE_ERROR", "INVALID_FIELD", "UNSUPPORTED_EVENT");
        assertThat(out.rejected().get(0).context()).containsEntry("line", "9");
    }

    @Test
    void sseReaderJoinsDataSkipsCommentsAndDropsAnUnterminatedEvent() {
        List<SseEvent> events = SseReader.readAll(":thump\r\nevent: update\r\ndata: a\r\ndata:b\r\nid: 7\r\n\r\n"
                + "data: plain\n\nevent: delete\ndata: 1");
        assertThat(events).containsExactly(new SseEvent("update", "a\nb", "7", 2), new SseEvent("message", "plain", "7", 7));
    }

    @Test
    void documentationSseExamplesGiveSevenUpdatesAndNoRejects() throws IOException {
        ParseOutcome<SocialPost> out;
        try (BufferedReader r = Files.newBufferedReader(sample("mastodon_docs_streaming_sse_examples.txt"))) {
            out = parser.parseSse(r, Map.of());
        }
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records()).hasSize(7);
        SocialPost first = out.records().get(0);
        assertThat(first.getPostId()).isEqualTo("mastodon:mastodon.social:108914327388663283");
        assertThat(first.getText()).isEqualTo("@disarray glad i was able to help");
        assertThat(first.getAuthorHandle()).isEqualTo("freon@letsalllovela.in");
        assertThat(first.getLang()).isNull();
        assertThat(first.getMentions()).containsExactly("disarray@pl.nulled.red");
        assertThat(first.getEventTime()).isEqualTo(Instant.parse("2022-08-30T23:05:46.839Z"));
    }

    @Test
    void documentationWebSocketExamplesGiveOneUpdate() throws IOException {
        ParseOutcome<SocialPost> out = ParseOutcome.of(List.of());
        for (String line : Files.readAllLines(sample("mastodon_docs_streaming_websocket_examples.ndjson"))) {
            out = out.plus(parser.parseWebSocketMessage(line, Map.of()));
        }
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records()).hasSize(1);
        assertThat(out.records().get(0).getPostId()).startsWith("mastodon:mastodon.social:");
    }

    @Test
    void legacy2017TimelineWithIntegerIdsParses() throws IOException {
        ParseOutcome<SocialPost> out = new MastodonParser("mstdn.jp", Clock.fixed(OBSERVED, ZoneOffset.UTC))
                .parseTimeline(Files.readString(sample("mastodon4j_public_timeline_mstdnjp_2017.json")), Map.of());
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records()).hasSize(20);
        assertThat(out.records()).allSatisfy(p -> {
            assertThat(p.getPostId()).matches("mastodon:mstdn\\.jp:\\d+");
            assertThat(p.getText()).doesNotContain("<p>", "<br");
        });
    }
}
