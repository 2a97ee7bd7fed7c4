package io.faultline.ingestion.social.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.ingestion.CollectingSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.faultline.avro.SocialPost;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.social.MastodonParser;

class MastodonStreamClientTest {

    static final Instant T0 = Instant.parse("2026-11-23T21:00:00Z");
    static final String STREAMING = "/api/v1/streaming";
    static final String MALFORMED = "event: update\ndata: {\"id\":\"1\",\"content\":\"<p>cut off";

    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final CollectingSink sink = new CollectingSink();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    LocalServer server;

    @BeforeEach
    void start() throws IOException {
        server = new LocalServer(STREAMING, ":thump\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The documentation's real events, one SSE block each (without the blank line that ends it). */
    static List<String> sampleEvents() throws IOException {
        Path p = DataDir.file("social/mastodon_docs_streaming_sse_examples.txt");
        assumeTrue(Files.isRegularFile(p), "public sample missing: " + p);
        List<String> out = new ArrayList<>();
        for (String block : Files.readString(p, StandardCharsets.UTF_8).split("\n\n")) {
            if (!block.isBlank()) {
                out.add(block.strip());
            }
        }
        return out;
    }

    List<String> expectedIds(String host, List<String> events) {
        MastodonParser reference = new MastodonParser(host, clock);
        String stream = String.join("\n\n", events) + "\n\n";
        return new ArrayList<>(new LinkedHashSet<>(reference.parseSse(new BufferedReader(new StringReader(stream)), Map.of())
                .records().stream().map(SocialPost::getPostId).toList()));
    }

    MastodonStreamConfig config(List<String> tags, Map<String, String> env) {
        return MastodonStreamConfig.of(server.baseUrl(), true, tags, false, env).withStallTimeout(Duration.ofSeconds(5));
    }

    @Test
    void resumesWithLastEventIdAfterADropAndDeadLettersAMalformedEventWhileLaterPostsFlow() throws Exception {
        List<String> events = new ArrayList<>(sampleEvents());
        List<String> expected = expectedIds("127.0.0.1", events);
        assertThat(expected).hasSizeGreaterThan(2);
        events.add(3, MALFORMED);
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            numbered.add("id: " + (i + 1) + "\n" + events.get(i) + "\n\n");
        }
        int cut = 12;
        List<String> first = new ArrayList<>(List.of(":thump\n"));
        first.addAll(numbered.subList(0, cut));
        first.add(":thump\n");
        first.add(numbered.get(cut).substring(0, numbered.get(cut).length() / 2)); // dropped mid-event
        server.script.add(LocalServer.chunks(first));
        AtomicReference<String> resumedFrom = new AtomicReference<>();
        server.script.add(ex -> {
            String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
            resumedFrom.set(last);
            int from = last == null ? 0 : Integer.parseInt(last);
            List<String> rest = new ArrayList<>(numbered.subList(from, numbered.size()));
            rest.add(":thump\n");
            LocalServer.chunks(rest).serve(ex);
        });

        MastodonStreamClient client = new MastodonStreamClient(config(List.of(), Map.of()), http,
                new PostEmitter(sink, clock, expected.size()), sleeper, new Random(1));
        client.run();

        assertThat(resumedFrom.get()).isEqualTo(Integer.toString(cut));
        assertThat(sink.postIds()).containsExactlyElementsOf(expected);
        assertThat(sink.deadLetterTypes()).containsExactly("PARSE_ERROR");
        assertThat(new String(sink.deadLetters.get(0).getPayload().array(), StandardCharsets.UTF_8)).isEqualTo(MALFORMED);
        assertThat(sink.deadLetters.get(0).getContext()).containsEntry("eventId", "4");
        assertThat(sleeper.snapshot()).isEmpty(); // a dropped established connection is retried at once
        assertThat(server.requestsTo(STREAMING)).extracting(LocalServer.Request::uri)
                .containsOnly("/api/v1/streaming/public");
    }

    @Test
    void twoHashtagStreamsDeliveringTheSamePostsWriteEachPostOnce() throws Exception {
        List<String> events = sampleEvents();
        List<String> expected = expectedIds("127.0.0.1", events);
        String stream = String.join("\n\n", events) + "\n\n";
        server.script.add(LocalServer.chunks(List.of(stream)));
        server.script.add(LocalServer.chunks(List.of(stream)));
        MastodonStreamClient client = new MastodonStreamClient(
                config(List.of("aws", "#outage"), Map.of(MastodonStreamConfig.ENV_ACCESS_TOKEN, "tok")), http,
                new PostEmitter(sink, clock, 0), sleeper, new Random(1));
        // both scripted connections served, and both streams reconnected to the idle server
        Thread runner = StoppedRun.runUntilThenStop(client::run, Duration.ofSeconds(20),
                () -> server.requestsTo(STREAMING).size() >= 4, client::stop);

        assertThat(runner.isAlive()).isFalse();
        assertThat(sink.postIds()).containsExactlyInAnyOrderElementsOf(expected);
        long updates = events.stream().filter(e -> e.startsWith("event: update\n")).count();
        // each stream repeats the sample's repeated statuses, and the second stream repeats everything
        assertThat(client.stats().duplicates()).isEqualTo(2 * updates - expected.size());
        assertThat(server.requestsTo(STREAMING)).extracting(LocalServer.Request::uri)
                .contains("/api/v1/streaming/hashtag?tag=aws", "/api/v1/streaming/hashtag?tag=outage");
        assertThat(server.requestsTo(STREAMING)).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer tok");
            assertThat(r.header("Accept")).isEqualTo("text/event-stream");
        });
    }

    @Test
    void unauthorisedFailsNamingTheTokenVariableAndServerErrorsBackOffWithJitter() {
        server.script.add(LocalServer.status(503, "busy"));
        server.script.add(LocalServer.status(502, "busy"));
        server.script.add(LocalServer.status(401, "{\"error\":\"This method requires an authenticated user\"}"));
        MastodonStreamClient client = new MastodonStreamClient(config(List.of(), Map.of()), http,
                new PostEmitter(sink, clock, 0), sleeper, new Random(1));
        assertThatThrownBy(client::run).isInstanceOf(StreamFailure.class).hasMessageContaining("HTTP 401")
                .hasMessageContaining(MastodonStreamConfig.ENV_ACCESS_TOKEN);
        List<Duration> sleeps = sleeper.snapshot();
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(sleeps.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void hashtagsAreValidated() {
        assertThatThrownBy(() -> MastodonStreamConfig.of("https://mastodon.social", false, List.of("a b"), false, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--mastodon-hashtag");
    }
}
