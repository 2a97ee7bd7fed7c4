package io.faultline.ingestion.social;

import static io.faultline.ingestion.social.XStreamParserTest.resource;
import static io.faultline.ingestion.social.XStreamParserTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;

class JetstreamParserTest {

    static final Instant OBSERVED = Instant.parse("2024-12-07T16:00:00Z");
    final JetstreamParser parser = new JetstreamParser(Clock.fixed(OBSERVED, ZoneOffset.UTC));

    @Test
    void fixtureKeepsPostsSkipsDeletesAndIdentityRejectsTheBrokenAndUnknown() {
        ParseOutcome<SocialPost> out = parser.parse(resource("jetstream.ndjson"), Map.of("file", "jetstream.ndjson"));

        assertThat(out.records()).extracting(SocialPost::getPostId).containsExactly(
                "bsky:at://did:plc:aaaa/app.bsky.feed.post/3kpost1",
                "bsky:at://did:plc:gggg/app.bsky.feed.post/3kpost2");
        SocialPost first = out.records().get(0);
        assertThat(first.getPlatform()).isEqualTo(SocialPlatform.BLUESKY);
        assertThat(first.getAuthorId()).isEqualTo("did:plc:aaaa");
        assertThat(first.getLang()).isEqualTo("en");
        assertThat(first.getHashtags()).containsExactly("cloudflare");
        assertThat(first.getMentions()).containsExactly("alice.bsky.social");
        assertThat(first.getUrl()).isEqualTo("https://bsky.app/profile/did:plc:aaaa/post/3kpost1");
        assertThat(first.getEventTime()).isEqualTo(Instant.parse("2024-12-07T15:47:00Z"));
        // "+00:00" offsets occur in real records
        assertThat(out.records().get(1).getEventTime()).isEqualTo(Instant.parse("2024-12-07T15:47:06Z"));

        assertThat(out.rejected()).extracting(Rejected::errorType)
                .containsExactly("PARSE_ERROR", "INVALID_FIELD", "UNSUPPORTED_EVENT");
        assertThat(out.rejected()).extracting(r -> r.context().get("line")).containsExactly("4", "5", "6");
    }

    @Test
    void goldenSampleHasExactlyOnePostWithAReply() throws IOException {
        ParseOutcome<SocialPost> out = parser.parse(Files.newBufferedReader(sample("jetstream_golden_v1.jsonl")), Map.of());
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records()).singleElement().satisfies(p -> {
            assertThat(p.getPostId()).isEqualTo("bsky:at://did:plc:q235v55g5unth4zjjdpacfdr/app.bsky.feed.post/3mmoojp4cd223");
            assertThat(p.getText()).isEqualTo("Try RSV for a good time !!");
            assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-05-25T14:23:28.757Z"));
        });
    }

    @Test
    void productionCaptureHasSeventeenPostCreates() throws IOException {
        ParseOutcome<SocialPost> out = parser.parse(Files.newBufferedReader(sample("jetstream_expected_v1.jsonl")), Map.of());
        assertThat(out.rejected()).isEmpty();
        // PROVENANCE counts 18 app.bsky.feed.post commits: 17 creates and 1 delete
        assertThat(out.records()).hasSize(17);
        assertThat(out.records()).anySatisfy(p -> assertThat(p.getText()).isEmpty()); // image-only post
        assertThat(out.records()).anySatisfy(p ->
                assertThat(p.getHashtags()).containsExactly("HowToTellAiToShutUp", "IndieRebellion"));
        assertThat(out.records()).anySatisfy(p ->
                assertThat(p.getEventTime()).isEqualTo(Instant.parse("2026-07-04T14:38:02Z")));
    }
}
