package io.faultline.ingestion.statuspage.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import io.faultline.ingestion.statuspage.Fixtures;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One page polled against a local server: conditional GETs, changes, backoff, dead letters, restart. */
class PagePollerTest extends LocalPages {

    private static final String SUMMARY = "/api/v2/summary.json";
    private static final String INCIDENTS = "/api/v2/incidents.json";
    private static final byte[] NO_INCIDENTS = "{\"incidents\":[]}".getBytes();

    private final PollerConfig config = lab().withMaxBackoff(Duration.ofMinutes(30))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));

    private PagePoller poller(Map<String, StatusPagePollerState> restored) {
        return poller(config, restored);
    }

    private PolledPage page() throws Exception {
        return PageList.page("example", server.uri("").toString(), StatusPageFormat.STATUSPAGE_V2);
    }

    private static List<String> ids(List<StatusPageObservation> obs) {
        return obs.stream().map(StatusPageObservation::getObservationId).toList();
    }

    /** 200 with the ETag, or 304 when the client sends it back. */
    private static TestServer.Handler etagged(byte[] body, String etag) {
        return ex -> {
            boolean fresh = etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"));
            TestServer.send(ex, fresh ? 304 : 200, Map.of("ETag", etag), body);
        };
    }

    /** 200 with Last-Modified, or 304 when the client sends the same date back. */
    private static TestServer.Handler lastModified(byte[] body, String date) {
        return ex -> {
            boolean fresh = date.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"));
            TestServer.send(ex, fresh ? 304 : 200, Map.of("Last-Modified", date), body);
        };
    }

    @Test
    void anUnchangedPageAnswers304AndProducesNoObservation() throws Exception {
        server.on(SUMMARY, etagged(Fixtures.resource("summary_with_groups.json"), "W/\"s1\""));
        server.on(INCIDENTS, lastModified(NO_INCIDENTS, "Fri, 01 Mar 2024 10:05:00 GMT"));
        PagePoller poller = poller(Map.of());

        PollResult first = poller.poll(page());
        List<StatusPageObservation> firstObs = sink.drain();
        clock.advance(INTERVAL);
        PollResult second = poller.poll(page());

        assertThat(first.observations()).isPositive().isEqualTo(firstObs.size());
        assertThat(ids(firstObs)).contains("example/incident/inc_1/upd_1", "example/incident/inc_1/upd_2");
        assertThat(second.notModified()).isTrue();
        assertThat(second.observations()).isZero();
        assertThat(sink.observations).isEmpty();
        assertThat(server.requests).filteredOn(r -> r.path().equals(SUMMARY))
                .extracting(TestServer.Request::ifNoneMatch).containsExactly(null, "W/\"s1\"");
        assertThat(server.requests).filteredOn(r -> r.path().equals(INCIDENTS))
                .extracting(TestServer.Request::ifModifiedSince).containsExactly(null, "Fri, 01 Mar 2024 10:05:00 GMT");
    }

    @Test
    void aChangeBetweenTwoPollsProducesExactlyTheChangedObservations() throws Exception {
        byte[] resolvedSummary = Fixtures.edited("summary_with_groups.json",
                "{\"id\":\"cmp_api\",\"name\":\"API\",\"status\":\"major_outage\",\"created_at\":\"2020-01-01T00:00:00.000Z\",\"updated_at\":\"2024-03-01T10:04:00.000Z\"",
                "{\"id\":\"cmp_api\",\"name\":\"API\",\"status\":\"operational\",\"created_at\":\"2020-01-01T00:00:00.000Z\",\"updated_at\":\"2024-03-01T11:30:00.000Z\"");
        server.sequence(SUMMARY, TestServer.ok(Fixtures.resource("summary_with_groups.json")), TestServer.ok(resolvedSummary));
        byte[] allIncidents = Fixtures.resource("incidents_several_updates.json");
        server.sequence(INCIDENTS, TestServer.ok(withoutIncident(allIncidents, "inc_1")), TestServer.ok(allIncidents));
        PagePoller poller = poller(Map.of());

        poller.poll(page());
        sink.drain();
        clock.advance(INTERVAL);
        poller.poll(page());

        List<StatusPageObservation> changes = sink.drain();
        assertThat(ids(changes)).containsExactlyInAnyOrder(
                "example/component/cmp_api/2024-03-01T11:30:00Z",
                "example/incident/inc_1/upd_3",
                "example/incident/inc_1/upd_4");
        StatusPageObservation api = changes.stream().filter(o -> "cmp_api".equals(o.getComponentId())).findFirst().orElseThrow();
        assertThat(api.getPreviousStatus()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
        assertThat(api.getComponentStatus()).isEqualTo(ComponentStatus.OPERATIONAL);
        assertThat(api.getObservedAt()).isEqualTo(T0.plus(INTERVAL));
        assertThat(changes).allSatisfy(o -> assertThat(o.getPageId()).isEqualTo("example"));
    }

    @Test
    void aRestartRestoresTheStateSoNothingIsEmittedTwice() throws Exception {
        server.serve(SUMMARY, Fixtures.resource("summary_with_groups.json")); // no validators: full bodies every time
        server.serve(INCIDENTS, Fixtures.resource("incidents_several_updates.json"));
        poller(Map.of()).poll(page());
        List<StatusPageObservation> beforeRestart = sink.drain();
        Map<String, StatusPagePollerState> saved = sink.statesCopy();

        clock.advance(INTERVAL);
        poller(saved).poll(page());
        List<StatusPageObservation> afterRestart = sink.drain();
        poller(Map.of()).poll(page());
        List<StatusPageObservation> withoutState = sink.drain();

        assertThat(beforeRestart).isNotEmpty();
        assertThat(afterRestart).isEmpty();
        assertThat(ids(withoutState)).as("the same poll without restored state repeats the first read")
                .containsExactlyInAnyOrderElementsOf(ids(beforeRestart));
    }

    @Test
    void serverErrorsBackOffThenSuccessResumesTheInterval() throws Exception {
        server.sequence(SUMMARY, TestServer.status(500, Map.of()), TestServer.status(502, Map.of()),
                TestServer.ok(Fixtures.resource("summary_with_groups.json")));
        server.serve(INCIDENTS, NO_INCIDENTS);
        PagePoller poller = poller(Map.of());

        PollResult r1 = poller.poll(page());
        PollResult r2 = poller.poll(page());
        PollResult r3 = poller.poll(page());

        assertThat(List.of(r1, r2, r3)).extracting(PollResult::nextPollIn)
                .containsExactly(INTERVAL, INTERVAL.multipliedBy(2), INTERVAL);
        assertThat(List.of(r1, r2, r3)).extracting(PollResult::backingOff).containsExactly(true, true, false);
        assertThat(r1.observations() + r2.observations()).isZero();
        assertThat(r3.observations()).isPositive();
        assertThat(poller.memory("example").failures()).isZero();
    }

    @Test
    void retryAfterIsHonouredInSecondsAndAsAnHttpDateAndCapped() throws Exception {
        String inFiveMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.plusSeconds(300).atOffset(ZoneOffset.UTC));
        server.sequence(SUMMARY, TestServer.status(429, Map.of("Retry-After", "120")),
                TestServer.status(503, Map.of("Retry-After", inFiveMinutes)),
                TestServer.status(429, Map.of("Retry-After", "86400")));
        server.serve(INCIDENTS, NO_INCIDENTS);
        PagePoller poller = poller(Map.of());

        Duration seconds = poller.poll(page()).nextPollIn();
        Duration date = poller.poll(page()).nextPollIn();
        Duration capped = poller.poll(page()).nextPollIn();

        assertThat(seconds).isEqualTo(Duration.ofSeconds(120));
        assertThat(date).isEqualTo(Duration.ofSeconds(300));
        assertThat(capped).isEqualTo(config.maxBackoff());
    }

    @Test
    void truncatedJsonIsDeadLetteredWhileAnotherPageStillFlows() throws Exception {
        byte[] truncated = Fixtures.resource("truncated_summary.json");
        server.on("/broken/summary.json", etagged(truncated, "\"t1\""));
        server.serve("/good/summary.json", Fixtures.resource("summary_with_groups.json"));
        PolledPage broken = PageList.page("broken", server.uri("/broken/summary.json").toString(), StatusPageFormat.STATUSPAGE_V2);
        PolledPage good = PageList.page("good", server.uri("/good/summary.json").toString(), StatusPageFormat.STATUSPAGE_V2);
        PagePoller poller = poller(Map.of());

        PollResult b = poller.poll(broken);
        PollResult g = poller.poll(good);
        PollResult again = poller.poll(broken);

        DeadLetter dl = sink.deadLetters.stream().filter(d -> "broken".equals(d.getContext().get("pageId")))
                .findFirst().orElseThrow();
        assertThat(dl.getErrorType()).isEqualTo("PARSE_ERROR");
        assertThat(dl.getSource()).isEqualTo("ingest.statuspage");
        assertThat(dl.getContext()).containsEntry("endpoint", server.uri("/broken/summary.json").toString());
        assertThat(bytes(dl)).isEqualTo(truncated);
        assertThat(b.observations()).isZero();
        assertThat(b.errors()).singleElement().asString().contains("dead-lettered");
        assertThat(g.observations()).isPositive();
        assertThat(sink.observations).allSatisfy(o -> assertThat(o.getPageId()).isEqualTo("good"));
        assertThat(again.errors()).singleElement().asString().contains("already dead-lettered");
        assertThat(sink.deadLetters).filteredOn(d -> "broken".equals(d.getContext().get("pageId"))).hasSize(1);
    }

    @Test
    void anOversizedBodyIsCutAtTheCapAndDeadLettered() throws Exception {
        PollerConfig small = config.withMaxBodyBytes(64 * 1024);
        byte[] big = new byte[1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        server.serve("/huge/summary.json", big);
        PolledPage huge = PageList.page("huge", server.uri("/huge/summary.json").toString(), StatusPageFormat.STATUSPAGE_V2);
        PagePoller poller = poller(small, Map.of());

        PollResult r = poller.poll(huge);

        assertThat(r.deadLetters()).isEqualTo(1);
        assertThat(sink.deadLetters).singleElement().satisfies(d -> {
            assertThat(d.getErrorType()).isEqualTo("TOO_LARGE");
            assertThat(d.getReason()).contains("Content-Length " + big.length);
            assertThat(d.getContext()).containsEntry("pageId", "huge");
        });
        assertThat(r.backingOff()).isFalse();
        assertThat(r.nextPollIn()).isEqualTo(INTERVAL);
    }

    @Test
    void aSinkFailureKeepsTheOldStateSoTheChangesComeAgain() throws Exception {
        server.serve(SUMMARY, Fixtures.resource("summary_with_groups.json"));
        server.serve(INCIDENTS, NO_INCIDENTS);
        PagePoller poller = poller(Map.of());
        sink.failNext = true;

        PollResult failed = poller.poll(page());
        PollResult retried = poller.poll(page());

        assertThat(failed.errors()).anySatisfy(e -> assertThat(e).contains("broker unavailable"));
        assertThat(retried.observations()).isPositive().isEqualTo(sink.observations.size());
    }

    @Test
    void aSlowPageTimesOutAndBacksOff() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server.on("/slow/summary.json", ex -> {
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServer.send(ex, 200, Map.of(), NO_INCIDENTS);
        });
        PollerConfig impatient = config.withTimeouts(Duration.ofSeconds(5), Duration.ofMillis(1500));
        PagePoller poller = poller(impatient, Map.of());
        try {
            PollResult r = poller.poll(PageList.page("slow", server.uri("/slow/summary.json").toString(),
                    StatusPageFormat.STATUSPAGE_V2));
            assertThat(r.errors()).singleElement().asString().contains("TIMEOUT");
            assertThat(r.backingOff()).isTrue();
        } finally {
            release.countDown();
        }
    }

    /** incidents.json as it was before {@code id} was on it. */
    private static byte[] withoutIncident(byte[] incidentsJson, String id) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(incidentsJson);
        com.fasterxml.jackson.databind.node.ArrayNode kept = m.createArrayNode();
        root.withArray("incidents").forEach(i -> {
            if (!id.equals(i.path("id").asText())) {
                kept.add(i);
            }
        });
        root.set("incidents", kept);
        return m.writeValueAsBytes(root);
    }

    private static byte[] bytes(DeadLetter d) {
        java.nio.ByteBuffer b = d.getPayload().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
