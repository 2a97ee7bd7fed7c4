package io.faultline.ingestion.social.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.ingestion.CollectingSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.websocket.WsConnectContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.faultline.avro.SocialPost;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.social.JetstreamParser;

class JetstreamClientTest {

    static final Instant T0 = Instant.parse("2026-11-23T21:00:00Z");
    static final String MALFORMED = "{\"did\":\"did:plc:broken\",\"time_us\":17831758880";
    static final ObjectMapper JSON = new ObjectMapper();

    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final CollectingSink sink = new CollectingSink();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final HttpClient http = HttpClient.newHttpClient();
    final ConcurrentLinkedDeque<Consumer<WsConnectContext>> script = new ConcurrentLinkedDeque<>();
    final List<String> cursors = Collections.synchronizedList(new ArrayList<>());
    Javalin server;

    @BeforeEach
    void start() {
        server = Javalin.create().ws("/subscribe", ws -> ws.onConnect(ctx -> {
            cursors.add(String.valueOf(ctx.queryParam("cursor")));
            Consumer<WsConnectContext> c = script.pollFirst();
            if (c != null) {
                c.accept(ctx);
            }
        })).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static List<String> corpus() throws IOException {
        Path p = DataDir.file("social/jetstream_expected_v1.jsonl");
        assumeTrue(Files.isRegularFile(p), "public sample missing: " + p);
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    static long timeUs(String event) {
        try {
            return JSON.readTree(event).get("time_us").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    JetstreamConfig config(String url) {
        return JetstreamConfig.of(url, true).withStallTimeout(Duration.ofSeconds(5));
    }

    String url() {
        return "ws://127.0.0.1:" + server.port() + "/subscribe?wantedCollections=app.bsky.feed.post";
    }

    @Test
    void reconnectsWithTheCursorAndNeitherLosesNorRepeatsPostsFromTheRealCorpus() throws Exception {
        List<String> events = corpus();
        JetstreamParser reference = new JetstreamParser(clock);
        List<String> expected = events.stream().flatMap(e -> reference.parseLine(e, Map.of()).records().stream())
                .map(SocialPost::getPostId).toList();
        assertThat(expected).hasSizeGreaterThan(5).doesNotHaveDuplicates();
        int cut = 60;
        List<String> firstPart = events.subList(0, cut);
        long cursor = firstPart.stream().mapToLong(JetstreamClientTest::timeUs).max().orElseThrow()
                - JetstreamConfig.DEFAULT_REWIND.toNanos() / 1000;

        script.add(ctx -> {
            for (int i = 0; i < cut; i++) {
                if (i == 30) {
                    ctx.send(MALFORMED);
                }
                if (i == 40) {
                    ctx.send(java.nio.ByteBuffer.wrap(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})); // zstd magic
                }
                ctx.send(firstPart.get(i));
            }
            ctx.closeSession(1011, "server restart"); // a disconnect mid-stream
        });
        script.add(ctx -> { // replay: every event at or after the cursor, in stream order
            long from = Long.parseLong(ctx.queryParam("cursor"));
            events.stream().filter(e -> timeUs(e) >= from).forEach(ctx::send);
        });

        JetstreamClient client = new JetstreamClient(config(url()), http, new PostEmitter(sink, clock, expected.size()),
                sleeper, new Random(1));
        client.run();

        assertThat(cursors).containsExactly("null", Long.toString(cursor));
        assertThat(sink.postIds()).containsExactlyElementsOf(expected);
        assertThat(sink.deadLetterTypes()).containsExactly("PARSE_ERROR", "UNSUPPORTED_EVENT");
        assertThat(new String(sink.deadLetters.get(0).getPayload().array(), StandardCharsets.UTF_8)).isEqualTo(MALFORMED);
        long replayed = firstPart.stream().filter(e -> timeUs(e) >= cursor).count();
        assertThat(client.stats().duplicates()).isEqualTo(replayed);
        assertThat(client.stats().connections()).isEqualTo(2);
        assertThat(sleeper.snapshot()).isEmpty();
    }

    @Test
    void aSilentServerIsAStallAndTheClientReconnects() throws Exception {
        List<String> events = corpus();
        script.add(ctx -> ctx.send(events.get(0))); // then nothing
        JetstreamClient client = new JetstreamClient(config(url()).withStallTimeout(Duration.ofMillis(300)), http,
                new PostEmitter(sink, clock, 0), sleeper, new Random(1));
        Thread runner = StoppedRun.runUntilThenStop(client::run, Duration.ofSeconds(10),
                () -> cursors.size() >= 2, client::stop);
        assertThat(runner.isAlive()).isFalse();
        assertThat(client.stats().stalls()).isGreaterThanOrEqualTo(1);
        assertThat(cursors.get(1)).isEqualTo(Long.toString(timeUs(events.get(0)) - 2_000_000));
    }

    @Test
    void stopEndsAQuietConnectionAtOnceRatherThanAfterTheStallTimeout() throws Exception {
        JetstreamClient client = new JetstreamClient(config(url()).withStallTimeout(Duration.ofMinutes(5)), http,
                new PostEmitter(sink, clock, 0), sleeper, new Random(1));
        Thread runner = StoppedRun.runUntilThenStop(client::run, Duration.ofSeconds(10),
                () -> client.stats().connections() == 1, client::stop);
        assertThat(runner.isAlive()).isFalse();
    }

    @Test
    void connectFailuresBackOffExponentiallyWithJitter() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        JetstreamClient client = new JetstreamClient(config("ws://127.0.0.1:" + closedPort + "/subscribe"), http,
                new PostEmitter(sink, clock, 0), sleeper, new Random(7));
        sleeper.afterSleep = () -> {
            if (sleeper.sleeps.size() == 4) {
                client.stop();
            }
        };
        client.run();
        List<Duration> s = sleeper.snapshot();
        assertThat(s).hasSize(4);
        for (int i = 0; i < 4; i++) {
            Duration full = Duration.ofSeconds(1L << i);
            assertThat(s.get(i)).isBetween(full.dividedBy(2), full);
        }
    }

    @Test
    void theCursorParameterIsSetReplacedOrDropped() {
        URI base = URI.create("wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post");
        assertThat(JetstreamClient.withCursor(base, 5).toString()).endsWith("?wantedCollections=app.bsky.feed.post&cursor=5");
        assertThat(JetstreamClient.withCursor(JetstreamClient.withCursor(base, 5), 9).toString())
                .endsWith("?wantedCollections=app.bsky.feed.post&cursor=9");
        assertThat(JetstreamClient.withCursor(URI.create("ws://h/subscribe?cursor=3"), -1).toString())
                .isEqualTo("ws://h/subscribe");
    }
}
