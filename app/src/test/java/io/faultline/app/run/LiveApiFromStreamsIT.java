package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.faultline.api.live.AvroViews;
import io.faultline.app.embedded.EmbeddedStack;
import io.faultline.app.live.StreamsLiveApi;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.ServiceHealth;
import io.faultline.schemas.serde.RegistryConfig;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import io.faultline.streams.live.LiveHealthView;
import io.faultline.streams.live.StoreLiveHealthView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live API served beside the Streams application (as {@code faultline demo} and
 * {@code faultline run streams --api-port} do) answers service health from interactive queries:
 * on the embedded broker and registry, with the project's catalog, the first 25 minutes of
 * {@link StreamsRunIT}'s hand-made outage (coinbase, venmo, slack down from minute 10) go in, and
 * the API's answers are compared with what {@link StoreLiveHealthView} returns for the same store.
 */
class LiveApiFromStreamsIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    static final List<String> AFFECTED = StreamsRunIT.AFFECTED;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path workDir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The store read before and after one API answer: equal when the app was not changing it meanwhile. */
    record Settled(JsonNode before, Answer answer, JsonNode after) {
    }

    record Answer(int status, JsonNode body) {
    }

    Answer get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(h -> out.add(h.get("serviceId").asText()));
        return out;
    }

    @Test
    void liveServiceHealthIsWhatTheStreamsStoreAnswers() throws Exception {
        EmbeddedStack stack = STACK.stack();
        SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
        List<CatalogEntry> catalog = STACK.publishProjectCatalog(registry);
        StreamsAppConfig config = new StreamsAppConfig(stack.bootstrapServers(), RegistryConfig.of(stack.registryUrl(), true),
                stack.topics(), "faultline-live-api-it", workDir.resolve("streams-state"), PipelineSettings.defaults());
        try (StreamsApp streams = StreamsApp.start(config);
             StreamsLiveApi api = StreamsLiveApi.start(StreamsLiveApi.config(0), streams, stack.bootstrapServers(), stack.topics(),
                     registry)) {
            // until the application is RUNNING its store is not queryable: 503 with the reason, never 500
            List<Integer> statuses = new ArrayList<>();
            StreamsRunIT.produce(stack, registry, StreamsRunIT.input(stack.topics(), 0, StreamsRunIT.RESTART_AT_MINUTE));
            await("affected services listed by the live API").atMost(Duration.ofSeconds(120)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        Answer a = get(api.port(), "/api/v1/live/services");
                        statuses.add(a.status());
                        if (a.status() == 503) {
                            assertThat(a.body().get("error").asText()).isEqualTo("live_unavailable");
                            assertThat(a.body().get("message").asText()).contains("not queryable yet");
                        } else if (a.status() == 200) {
                            return ids(a.body()).containsAll(AFFECTED);
                        }
                        return false;
                    });
            assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(200, 503));
            System.out.printf("live API answers while the app started and processed: %d x 503, %d x 200%n",
                    statuses.stream().filter(s -> s == 503).count(), statuses.stream().filter(s -> s == 200).count());

            // live incidents come from the incidents topic through the live feed: 503 naming the feed until
            // it has read the topic to its end, then 200 (an empty list then means "no incident", not "no idea")
            Answer incidents = await("live feed caught up").atMost(Duration.ofSeconds(60)).pollInSameThread()
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        Answer a = get(api.port(), "/api/v1/live/incidents");
                        if (a.status() != 200) {
                            assertThat(a.status()).isEqualTo(503);
                            assertThat(a.body().get("message").asText()).contains("live feed");
                        }
                        return a;
                    }, a -> a.status() == 200);
            assertThat(incidents.body().isArray()).isTrue();

            LiveHealthView iq = streams.view();
            assertThat(iq).isInstanceOf(StoreLiveHealthView.class);
            for (String service : AFFECTED) {
                // the app may still be working through the input: compare once the store answers the same before and after
                Settled settled = await(service + " health settled").atMost(Duration.ofSeconds(120)).pollInSameThread()
                        .pollInterval(Duration.ofMillis(10)).until(() -> {
                            JsonNode before = JSON.valueToTree(AvroViews.health(iq.health(service).orElseThrow()));
                            Answer answer = get(api.port(), "/api/v1/live/services/" + service + "/health");
                            JsonNode after = JSON.valueToTree(AvroViews.health(iq.health(service).orElseThrow()));
                            return new Settled(before, answer, after);
                        }, r -> r.before().equals(r.after()));
                Answer a = settled.answer();
                JsonNode fromStore = settled.before();
                assertThat(a.status()).as(service).isEqualTo(200);
                assertThat(a.body()).as(service).isEqualTo(fromStore);
                assertThat(a.body().get("state").asText()).as(service).isIn("DOWN", "DEGRADED");
            }
            List<String> impairedBefore = iq.impaired().stream().map(ServiceHealth::getServiceId).sorted().toList();
            List<String> impairedInApi = ids(get(api.port(), "/api/v1/live/services").body());
            List<String> impairedAfter = iq.impaired().stream().map(ServiceHealth::getServiceId).sorted().toList();
            if (impairedBefore.equals(impairedAfter)) {
                assertThat(impairedInApi).containsExactlyInAnyOrderElementsOf(impairedAfter);
            }
            assertThat(impairedInApi).containsAll(AFFECTED).doesNotContain("netflix");
            assertThat(get(api.port(), "/api/v1/live/services/netflix/health").status())
                    .as("a service that never left UP has no change in the store").isEqualTo(404);
        }
    }
}
