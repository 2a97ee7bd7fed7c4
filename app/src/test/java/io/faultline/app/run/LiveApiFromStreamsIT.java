package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.api.io.TempDir;
import io.faultline.app.catalog.CatalogCommand;

/**
 * The live API served beside the Streams application (as {@code faultline demo} and
 * {@code faultline run streams --api-port} do) answers service health from interactive queries:
 * on the embedded broker and registry, with the project's catalog, the first 25 minutes of
 * {@link StreamsRunIT}'s hand-made outage (coinbase, venmo, slack down from minute 10) go in, and
 * the API's answers are compared with what {@link StoreLiveHealthView} returns for the same store.
 */
class LiveApiFromStreamsIT {

    static final List<String> AFFECTED = StreamsRunIT.AFFECTED;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path workDir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        List<CatalogEntry> catalog = CatalogCommand.read(home.resolve("catalog")).requireValid();
        try (EmbeddedStack stack = EmbeddedStack.start(home, workDir)) {
            SchemaRegistry registry = new SchemaRegistry(RegistryConfig.of(stack.registryUrl(), true));
            CatalogCommand.publish(stack.bootstrapServers(), stack.topics(), registry, catalog);
            StreamsAppConfig config = new StreamsAppConfig(stack.bootstrapServers(), RegistryConfig.of(stack.registryUrl(), true),
                    stack.topics(), "faultline-live-api-it", workDir.resolve("streams-state"), PipelineSettings.defaults());
            try (StreamsApp streams = StreamsApp.start(config);
                 StreamsLiveApi api = StreamsLiveApi.start(StreamsLiveApi.config(0), streams, stack.bootstrapServers(), stack.topics(),
                         registry)) {
                // until the application is RUNNING its store is not queryable: 503 with the reason, never 500
                List<Integer> statuses = new ArrayList<>();
                StreamsRunIT.produce(stack, registry, StreamsRunIT.input(stack.topics(), 0, StreamsRunIT.RESTART_AT_MINUTE));
                Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
                List<String> listed = List.of();
                while (!listed.containsAll(AFFECTED)) {
                    assertThat(Instant.now()).as("affected services listed by the live API within 120 s").isBefore(deadline);
                    Answer a = get(api.port(), "/api/v1/live/services");
                    statuses.add(a.status());
                    if (a.status() == 503) {
                        assertThat(a.body().get("error").asText()).isEqualTo("live_unavailable");
                        assertThat(a.body().get("message").asText()).contains("not queryable yet");
                    } else if (a.status() == 200) {
                        listed = ids(a.body());
                    }
                }
                assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(200, 503));
                System.out.printf("live API answers while the app started and processed: %d x 503, %d x 200%n",
                        statuses.stream().filter(s -> s == 503).count(), statuses.stream().filter(s -> s == 200).count());

                LiveHealthView iq = streams.view();
                assertThat(iq).isInstanceOf(StoreLiveHealthView.class);
                for (String service : AFFECTED) {
                    // the app may still be working through the input: compare once the store answers the same before and after
                    JsonNode fromStore = JSON.valueToTree(AvroViews.health(iq.health(service).orElseThrow()));
                    Answer a = get(api.port(), "/api/v1/live/services/" + service + "/health");
                    JsonNode after = JSON.valueToTree(AvroViews.health(iq.health(service).orElseThrow()));
                    while (!fromStore.equals(after)) {
                        assertThat(Instant.now()).as(service + " health settled within 120 s").isBefore(deadline.plusSeconds(120));
                        fromStore = after;
                        a = get(api.port(), "/api/v1/live/services/" + service + "/health");
                        after = JSON.valueToTree(AvroViews.health(iq.health(service).orElseThrow()));
                    }
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
}
