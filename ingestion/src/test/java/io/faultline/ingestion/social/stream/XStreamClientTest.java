package io.faultline.ingestion.social.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.ingestion.CollectingSink;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.faultline.avro.SocialPost;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.social.XStreamParser;

class XStreamClientTest {

    static final Instant T0 = Instant.parse("2026-11-23T21:00:00Z");
    static final String TOKEN = "test-token-not-secret";
    static final String RULES = "/2/tweets/search/stream/rules";
    static final String STREAM = "/2/tweets/search/stream";
    static final String DISCONNECT = "{\"errors\":[{\"title\":\"operational-disconnect\",\"disconnect_type\":"
            + "\"UpstreamOperationalDisconnect\",\"detail\":\"This stream has been disconnected upstream for operational "
            + "reasons.\",\"type\":\"https://api.twitter.com/2/problems/operational-disconnect\"}]}";
    static final ObjectMapper JSON = new ObjectMapper();

    final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    final CollectingSink sink = new CollectingSink();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    LocalServer server;
    final List<String> existingRules = new ArrayList<>(); // JSON objects the rules GET returns

    @BeforeEach
    void start() throws IOException {
        server = new LocalServer(STREAM, "\r\n");
        server.server.createContext(RULES, ex -> {
            LocalServer.Request r = server.record(ex);
            String body = r.method().equals("GET")
                    ? "{\"data\":[" + String.join(",", existingRules) + "],\"meta\":{\"sent\":\"2026-11-23T21:00:00Z\"}}"
                    : "{\"meta\":{\"sent\":\"2026-11-23T21:00:00Z\",\"summary\":{\"created\":1,\"not_created\":0,"
                    + "\"valid\":1,\"invalid\":0,\"deleted\":0,\"not_deleted\":0}}}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    XStreamConfig config(List<XRule> rules) {
        return XStreamConfig.of(server.baseUrl(), true, rules, Map.of(XStreamConfig.ENV_BEARER_TOKEN, TOKEN))
                .withStallTimeout(Duration.ofMillis(400));
    }

    static List<String> sampleLines() throws IOException {
        Path p = DataDir.file("social/twarccsv_streaming_output_with_error.jsonl");
        assumeTrue(Files.isRegularFile(p), "public sample missing: " + p);
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    @Test
    void survivesKeepAlivesDisconnectRateLimitServerErrorAndStallWithoutLosingOrRepeatingPosts() throws Exception {
        List<String> lines = sampleLines();
        List<String> valid = lines.subList(0, 7);
        String truncated = lines.get(7);
        XStreamParser reference = new XStreamParser(clock);
        List<String> expectedIds = valid.stream()
                .flatMap(l -> reference.parseLine(l, Map.of()).posts().records().stream())
                .map(SocialPost::getPostId).toList();
        assertThat(expectedIds).hasSize(7).doesNotHaveDuplicates();

        server.script.add(LocalServer.chunks(List.of("\r\n", valid.get(0) + "\r\n", "\r\n", valid.get(1) + "\r\n",
                DISCONNECT + "\r\n", valid.get(2) + "\r\n"))); // nothing after the disconnect is read
        server.script.add(LocalServer.status(429, "{\"title\":\"Too Many Requests\"}"));
        server.script.add(LocalServer.status(503, "Service Unavailable"));
        server.script.add(server.chunksThenStall(List.of(valid.get(2) + "\r\n", valid.get(3) + "\r\n",
                truncated + "\r\n", "\r\n")));
        server.script.add(LocalServer.chunks(List.of(valid.get(3) + "\r\n", valid.get(4) + "\r\n", "\r\n",
                valid.get(5) + "\r\n", valid.get(6) + "\r\n")));

        PostEmitter emitter = new PostEmitter(sink, clock, 7);
        XStreamClient client = new XStreamClient(config(List.of()), http, emitter, sleeper);
        client.run(); // returns once the 7th post is written

        assertThat(sink.postIds()).containsExactlyElementsOf(expectedIds);
        // 429 waits at least a minute, 5xx starts at 5 s; disconnect and stall reconnect at once
        assertThat(sleeper.snapshot()).containsExactly(Duration.ofMinutes(1), Duration.ofSeconds(5));
        assertThat(sink.deadLetterTypes()).containsExactly("X_DISCONNECT", "PARSE_ERROR");
        assertThat(new String(sink.deadLetters.get(0).getPayload().array(), StandardCharsets.UTF_8)).isEqualTo(DISCONNECT);
        assertThat(new String(sink.deadLetters.get(1).getPayload().array(), StandardCharsets.UTF_8)).isEqualTo(truncated);
        assertThat(sink.deadLetters.get(1).getContext()).containsEntry("connection", "2").containsEntry("line", "3");
        StreamStats s = client.stats();
        assertThat(s.connections()).isEqualTo(3);
        assertThat(s.stalls()).isEqualTo(1);
        assertThat(s.apiErrors()).isEqualTo(1);
        assertThat(s.duplicates()).isEqualTo(1); // the post resent after the stall
        List<LocalServer.Request> streamRequests = server.requestsTo(STREAM + "?");
        assertThat(streamRequests).hasSize(5).allSatisfy(r -> {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(r.uri()).contains("tweet.fields=created_at,lang,author_id,entities");
        });
    }

    @Test
    void aRateLimitResetLaterThanTheBackOffIsWaitedFor() throws Exception {
        List<String> lines = sampleLines();
        long reset = T0.plus(Duration.ofMinutes(10)).getEpochSecond();
        server.script.add(ex -> {
            ex.getResponseHeaders().add("x-rate-limit-reset", Long.toString(reset));
            LocalServer.status(429, "{\"title\":\"Too Many Requests\"}").serve(ex);
        });
        server.script.add(LocalServer.chunks(List.of(lines.get(0) + "\r\n")));
        XStreamClient client = new XStreamClient(config(List.of()), http, new PostEmitter(sink, clock, 1), sleeper);
        client.run();
        assertThat(sleeper.snapshot()).containsExactly(Duration.ofMinutes(10));
        assertThat(sink.posts).hasSize(1);
    }

    @Test
    void stopEndsAnOpenStreamAtOnceRatherThanAfterTheStallTimeout() throws Exception {
        server.script.add(server.chunksThenStall(List.of("\r\n")));
        XStreamClient client = new XStreamClient(config(List.of()).withStallTimeout(Duration.ofMinutes(5)), http,
                new PostEmitter(sink, clock, 0), sleeper);
        Thread runner = StoppedRun.runUntilThenStop(client::run, Duration.ofSeconds(10),
                () -> client.stats().connections() == 1, client::stop);
        assertThat(runner.isAlive()).isFalse();
        assertThat(client.stats().stalls()).isZero();
    }

    @Test
    void ruleSyncDeletesUnwantedAndDuplicateRulesAndAddsMissingOnes() throws Exception {
        XRule kept = new XRule("(aws OR @AWSSupport) " + XRules.OUTAGE_CLAUSE, "faultline-1");
        XRule missing = new XRule("(slack) " + XRules.OUTAGE_CLAUSE, "faultline-2");
        existingRules.add(rule("101", kept.value(), "faultline-1"));
        existingRules.add(rule("102", "cats has:images", "by hand"));
        existingRules.add(rule("103", kept.value(), "faultline-1"));
        server.script.add(LocalServer.status(401, "{\"title\":\"Unauthorized\"}"));

        XStreamClient client = new XStreamClient(config(List.of(kept, missing)), http, new PostEmitter(sink, clock, 0), sleeper);
        assertThatThrownBy(client::run).isInstanceOf(StreamFailure.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining(XStreamConfig.ENV_BEARER_TOKEN)
                .hasMessageNotContaining(TOKEN);

        List<LocalServer.Request> rules = server.requestsTo(RULES);
        assertThat(rules).extracting(LocalServer.Request::method).containsExactly("GET", "POST", "POST");
        assertThat(JSON.readTree(rules.get(1).body())).isEqualTo(JSON.readTree("{\"delete\":{\"ids\":[\"102\",\"103\"]}}"));
        JsonNode add = JSON.readTree(rules.get(2).body());
        assertThat(add).isEqualTo(JSON.createObjectNode().set("add", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("value", missing.value()).put("tag", missing.tag()))));
        assertThat(rules).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(sleeper.snapshot()).isEmpty();
    }

    @Test
    void rulesAlreadyInSyncAreLeftAlone() throws Exception {
        XRule kept = new XRule("(aws) " + XRules.OUTAGE_CLAUSE, "faultline-1");
        existingRules.add(rule("7", kept.value(), "faultline-1"));
        server.script.add(LocalServer.status(403, "{\"title\":\"Forbidden\"}"));
        XStreamClient client = new XStreamClient(config(List.of(kept)), http, new PostEmitter(sink, clock, 0), sleeper);
        assertThatThrownBy(client::run).isInstanceOf(StreamFailure.class).hasMessageContaining("HTTP 403");
        assertThat(server.requestsTo(RULES)).extracting(LocalServer.Request::method).containsExactly("GET");
    }

    @Test
    void networkErrorsBackOffLinearlyFrom250Milliseconds() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        XStreamConfig cfg = XStreamConfig.of("http://127.0.0.1:" + closedPort, true, List.of(),
                Map.of(XStreamConfig.ENV_BEARER_TOKEN, TOKEN));
        XStreamClient client = new XStreamClient(cfg, http, new PostEmitter(sink, clock, 0), sleeper);
        sleeper.afterSleep = () -> {
            if (sleeper.sleeps.size() == 4) {
                client.stop();
            }
        };
        client.run();
        assertThat(sleeper.snapshot()).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500),
                Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void aMissingTokenFailsAtStartNamingTheVariable() {
        assertThatThrownBy(() -> XStreamConfig.of("https://api.x.com", false, List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FAULTLINE_X_BEARER_TOKEN");
    }

    @Test
    void theTokenIsNeverPrinted() {
        assertThat(config(List.of()).toString()).doesNotContain(TOKEN).contains("redacted");
    }

    @Test
    void aLoopbackBaseUrlIsRefusedUnlessPrivateAddressesAreAllowed() {
        XStreamConfig cfg = XStreamConfig.of(server.baseUrl(), false, List.of(), Map.of(XStreamConfig.ENV_BEARER_TOKEN, TOKEN));
        XStreamClient client = new XStreamClient(cfg, http, new PostEmitter(sink, clock, 0), sleeper);
        assertThatThrownBy(client::run).isInstanceOf(StreamFailure.class)
                .hasMessageContaining("--x-base-url").hasMessageContaining("loopback");
        assertThat(server.requests).isEmpty();
    }

    static String rule(String id, String value, String tag) {
        return JSON.createObjectNode().put("id", id).put("value", value).put("tag", tag).toString();
    }
}
