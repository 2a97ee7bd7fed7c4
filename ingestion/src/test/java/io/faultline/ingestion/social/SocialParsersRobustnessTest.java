package io.faultline.ingestion.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.faultline.avro.SocialPost;
import io.faultline.ingestion.ParseOutcome;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Malformed input never escapes a parser as an exception, and never hides the valid posts around it. */
class SocialParsersRobustnessTest {

    static final Instant OBSERVED = Instant.parse("2024-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(OBSERVED, ZoneOffset.UTC);
    final XStreamParser x = new XStreamParser(CLOCK);
    final JetstreamParser jetstream = new JetstreamParser(CLOCK);
    final MastodonParser mastodon = new MastodonParser("example.social", CLOCK);

    @Property
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        x.parseLine(s, Map.of());
        x.parse(new BufferedReader(new StringReader(s)), Map.of());
        jetstream.parseLine(s, Map.of());
        mastodon.parseWebSocketMessage(s, Map.of());
        mastodon.parseSse(new BufferedReader(new StringReader(s)), Map.of());
        mastodon.parseTimeline(s, Map.of());
        SseReader.readAll(s);
    }

    @Property
    void wrongShapedJsonIsRejectedNotThrown(@ForAll("wrongShapes") String json) {
        assertThat(x.parseLine(json, Map.of()).posts().records()).isEmpty();
        assertThat(jetstream.parseLine(json, Map.of()).records()).isEmpty();
        assertThat(mastodon.parseWebSocketMessage(json, Map.of()).records()).isEmpty();
    }

    @Property
    void xStreamKeepsEveryValidTweetAroundACorruptedLine(@ForAll("texts") List<String> texts,
                                                         @ForAll @IntRange(max = 1000) int where,
                                                         @ForAll("corruptions") Corruption corruption) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add(xLine(1_000_000_000_000_000_000L + i, texts.get(i)));
        }
        String bad = corruption.apply(xLine(42, "victim"));
        lines.add(where % (lines.size() + 1), bad);
        XStreamOutcome out = x.parse(new BufferedReader(new StringReader(String.join("\n", lines))), Map.of());
        assertInOrder(out.posts().records(), texts);
    }

    @Property
    void jetstreamKeepsEveryValidPostAroundACorruptedLine(@ForAll("texts") List<String> texts,
                                                          @ForAll @IntRange(max = 1000) int where,
                                                          @ForAll("corruptions") Corruption corruption) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            lines.add(bskyLine("rk" + i, texts.get(i)));
        }
        lines.add(where % (lines.size() + 1), corruption.apply(bskyLine("victim", "victim")));
        ParseOutcome<SocialPost> out = jetstream.parse(new BufferedReader(new StringReader(String.join("\n", lines))), Map.of());
        assertInOrder(out.records(), texts);
    }

    @Property
    void mastodonSseKeepsEveryValidUpdateAroundACorruptedEvent(@ForAll("texts") List<String> texts,
                                                               @ForAll @IntRange(max = 1000) int where,
                                                               @ForAll("corruptions") Corruption corruption) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            events.add("event: update\r\ndata: " + status(i, texts.get(i)) + "\r\n\r\n");
        }
        // the corruption stays on one data line: a raw newline would be an SSE event boundary
        String bad = corruption.apply(status(99, "victim")).replace("\n", " ").replace("\r", " ");
        events.add(where % (events.size() + 1), ":thump\n\nevent: update\ndata: " + bad + "\n\n");
        ParseOutcome<SocialPost> out = mastodon.parseSse(new BufferedReader(new StringReader(String.join("", events))), Map.of());
        assertInOrder(out.records(), texts);
    }

    /** Every valid text comes out, in order; the corrupted line may or may not add one post between. */
    static void assertInOrder(List<SocialPost> posts, List<String> texts) {
        int i = 0;
        for (SocialPost p : posts) {
            if (i < texts.size() && p.getText().equals(texts.get(i))) {
                i++;
            }
        }
        assertThat(i).as("valid posts found in order among %s", posts).isEqualTo(texts.size());
        assertThat(posts.size()).isBetween(texts.size(), texts.size() + 1);
    }

    static String xLine(long id, String text) {
        ObjectNode msg = Fields.JSON.createObjectNode();
        msg.putObject("data").put("id", Long.toString(id)).put("text", text)
                .put("created_at", "2021-12-07T15:47:00.000Z").put("author_id", "7");
        msg.putArray("matching_rules").addObject().put("id", "1").put("tag", "outage");
        return msg.toString();
    }

    static String bskyLine(String rkey, String text) {
        ObjectNode ev = Fields.JSON.createObjectNode().put("did", "did:plc:x").put("time_us", 1_700_000_000_000_000L).put("kind", "commit");
        ObjectNode commit = ev.putObject("commit").put("operation", "create").put("collection", "app.bsky.feed.post").put("rkey", rkey);
        commit.putObject("record").put("text", text).put("createdAt", "2024-12-07T15:47:00.000Z");
        return ev.toString();
    }

    static String status(int id, String text) {
        ObjectNode s = Fields.JSON.createObjectNode().put("id", Integer.toString(id))
                .put("created_at", "2022-11-15T10:00:00.000Z").put("content", escapeHtml(text));
        s.putObject("account").put("id", "1").put("acct", "a");
        return s.toString();
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Provide
    Arbitrary<List<String>> texts() {
        // printable text including quotes, backslashes, markup and non-ASCII; stripped as the HTML path strips
        return Arbitraries.strings().withChars("abcXYZ \"\\<>&#@$é日😀").ofMinLength(1).ofMaxLength(30)
                .map(String::strip).filter(t -> !t.isEmpty())
                .list().ofMinSize(0).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> wrongShapes() {
        return Arbitraries.of("[]", "[1,2]", "42", "\"text\"", "null", "true", "{}", "{\"data\":7}",
                "{\"data\":[1,\"a\",null]}", "{\"kind\":7}", "{\"kind\":\"commit\",\"commit\":[]}",
                "{\"event\":\"update\",\"payload\":\"[]\"}", "{\"event\":\"update\",\"payload\":{\"id\":{}}}",
                "{\"errors\":\"nope\"}", "{\"data\":{\"id\":[],\"text\":\"t\"}}");
    }

    interface Corruption {
        String apply(String validLine);
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        Arbitrary<Corruption> truncate = Arbitraries.integers().between(1, 1000)
                .map(n -> line -> line.substring(0, Math.max(1, n % line.length())));
        Arbitrary<Corruption> garbage = Arbitraries.strings().ofMaxLength(40)
                .filter(g -> !g.isBlank())
                .map(g -> line -> "{" + g);
        Arbitrary<Corruption> flip = Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.chars().ascii())
                .as((at, c) -> line -> {
                    int i = at % line.length();
                    return line.substring(0, i) + c + line.substring(Math.min(line.length(), i + 1));
                });
        return Arbitraries.oneOf(truncate, garbage, flip);
    }
}
