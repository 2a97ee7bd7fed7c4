package io.faultline.ingestion.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.faultline.avro.SocialPlatform;
import io.faultline.avro.SocialPost;
import io.faultline.testsupport.DataDir;

class XStreamParserTest {

    static final Instant OBSERVED = Instant.parse("2021-12-07T16:00:00Z");
    static final Instant FIRST_POST = Instant.parse("2021-12-07T15:47:00Z");
    final XStreamParser parser = new XStreamParser(Clock.fixed(OBSERVED, ZoneOffset.UTC));

    static BufferedReader resource(String name) {
        return new BufferedReader(new InputStreamReader(
                XStreamParserTest.class.getResourceAsStream("/social/" + name), StandardCharsets.UTF_8));
    }

    static Path sample(String name) {
        Path p = DataDir.file("social/" + name);
        return p;
    }

    @Test
    void fixtureStreamGivesPostsRejectsAndTheDisconnect() {
        XStreamOutcome out = parser.parse(resource("x_stream.ndjson"), Map.of("file", "x_stream.ndjson"));

        assertThat(out.posts().records()).extracting(SocialPost::getPostId)
                .containsExactly("x:1467528519870062593", "x:1467528519870062596");
        SocialPost first = out.posts().records().get(0);
        assertThat(first.getPlatform()).isEqualTo(SocialPlatform.X);
        assertThat(first.getEventTime()).isEqualTo(FIRST_POST);
        assertThat(first.getObservedAt()).isEqualTo(OBSERVED);
        assertThat(first.getAuthorHandle()).isEqualTo("devuser");
        assertThat(first.getUrl()).isEqualTo("https://x.com/devuser/status/1467528519870062593");
        assertThat(first.getHashtags()).containsExactly("aws");
        assertThat(first.getCashtags()).containsExactly("AMZN");
        assertThat(first.getMentions()).containsExactly("awscloud");
        assertThat(first.getMatchingRules()).containsExactly("aws outage");

        // blank keep-alive (line 2) is not a reject; truncated line 3 and wrong-typed text on line 4 are
        assertThat(out.posts().rejected()).hasSize(2);
        assertThat(out.posts().rejected().get(0).errorType()).isEqualTo("PARSE_ERROR");
        assertThat(out.posts().rejected().get(0).context()).containsEntry("line", "3").containsEntry("file", "x_stream.ndjson");
        assertThat(new String(out.posts().rejected().get(0).payload(), StandardCharsets.UTF_8)).contains("trunc");
        assertThat(out.posts().rejected().get(1).errorType()).isEqualTo("INVALID_FIELD");
        assertThat(out.posts().rejected().get(1).reason()).contains("text");

        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("operational-disconnect");
            assertThat(e.isDisconnect()).isTrue();
        });
        assertThat(out.disconnected()).isTrue();
    }

    @Test
    void keepAliveLinesYieldNothing() {
        assertThat(parser.parseLine("", Map.of())).isEqualTo(XStreamOutcome.empty());
        assertThat(parser.parseLine("\r", Map.of()).posts().rejected()).isEmpty();
    }

    @Test
    void realFilteredStreamCaptureHasSevenTweetsAndTheTruncatedEighthLine() throws IOException {
        Path p = sample("twarccsv_streaming_output_with_error.jsonl");
        XStreamOutcome out;
        try (BufferedReader r = Files.newBufferedReader(p)) {
            out = parser.parse(r, Map.of("file", p.toString()));
        }
        assertThat(out.posts().records()).hasSize(7);
        assertThat(out.posts().records().get(0).getPostId()).isEqualTo("x:1377650090978992134");
        assertThat(out.posts().records().get(0).getEventTime()).isEqualTo(Instant.parse("2021-04-01T15:52:31Z"));
        // rule id is a JSON number > 2^53 with a null tag; it must survive exactly
        assertThat(out.posts().records()).allSatisfy(p2 ->
                assertThat(p2.getMatchingRules()).containsExactly("1377649934414049282"));
        assertThat(out.posts().rejected()).singleElement().satisfies(r -> {
            assertThat(r.errorType()).isEqualTo("PARSE_ERROR");
            assertThat(r.context()).containsEntry("line", "8");
            assertThat(r.payload()).hasSize(44);
        });
        assertThat(out.errors()).isEmpty();
    }

    @Test
    void realSearchPagesKeepPartialErrorsApartFromPosts() throws IOException {
        XStreamOutcome kpop = parser.parse(Files.newBufferedReader(sample("twarccsv_kpop.jsonl")), Map.of());
        assertThat(kpop.posts().records()).hasSize(100);
        assertThat(kpop.posts().rejected()).isEmpty();
        assertThat(kpop.errors()).singleElement().satisfies(e -> {
            assertThat(e.partial()).isTrue();
            assertThat(e.isDisconnect()).isFalse();
            assertThat(e.detail()).contains("leeseunggi");
        });
        assertThat(kpop.disconnected()).isFalse();

        XStreamOutcome withheld = parser.parse(Files.newBufferedReader(sample("twarccsv_withheld.jsonl")), Map.of());
        assertThat(withheld.posts().records()).hasSize(1 + 1 + 1 + 100 + 112);
        assertThat(withheld.errors()).hasSize(5);
        // a 2010 tweet, before snowflake ids, still parses from created_at
        assertThat(withheld.posts().records()).anySatisfy(p2 -> {
            assertThat(p2.getPostId()).isEqualTo("x:25712847277");
            assertThat(p2.getEventTime()).isEqualTo(Instant.parse("2010-09-27T19:06:05Z"));
        });

        XStreamOutcome cashtags = parser.parse(Files.newBufferedReader(sample("twarccsv_cashtags.jsonl")), Map.of());
        assertThat(cashtags.posts().records()).singleElement()
                .satisfies(p2 -> assertThat(p2.getCashtags()).isNotEmpty());
    }

    @Test
    void defaultFieldSearchResponseTakesTimeFromTheSnowflakeId() throws IOException {
        String body = Files.readString(sample("tweepy_search_recent_tweets.json"));
        XStreamOutcome out = parser.parseLine(body, Map.of());
        assertThat(out.posts().records()).hasSize(10);
        SocialPost first = out.posts().records().get(0);
        assertThat(first.getPostId()).isEqualTo("x:1578516068309794817");
        // the text of this test tweet is its own send time: "2022-10-07 22:42:12.637103 tweepy"
        assertThat(first.getEventTime()).isBetween(Instant.parse("2022-10-07T22:42:12Z"), Instant.parse("2022-10-07T22:42:14Z"));
        assertThat(first.getAuthorId()).isEmpty();
        assertThat(first.getUrl()).isEqualTo("https://x.com/i/web/status/1578516068309794817");
    }
}
