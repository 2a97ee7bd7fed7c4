package io.faultline.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.faultline.app.embedded.TopicProvisioner;
import io.faultline.app.embedded.EmbeddedKafka;
import io.faultline.schemas.Topics;
import io.faultline.streams.PipelineMeters;
import io.faultline.streams.StreamsApp;
import io.faultline.streams.StreamsAppConfig;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /readyz} as {@code faultline run streams} wires it (Kafka reachable + Kafka Streams
 * RUNNING), against a real in-process KRaft broker: 503 naming kafka-streams while the application
 * starts, 200 only once it is RUNNING, and 503 naming kafka once the broker is gone, while
 * {@code /healthz} stays 200.
 */
class StreamsReadinessIT {

    @TempDir
    Path workDir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body, KafkaStreams.State before, KafkaStreams.State after) {
    }

    @Test
    void readyOnlyWhileStreamsRunsAndTheBrokerAnswers() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka"));
        boolean brokerUp = true;
        try (CommandMetrics m = new MetricsOptions(0, "127.0.0.1", false).open(new PrintWriter(new StringWriter()))) {
            Topics topics = Topics.defaults();
            TopicProvisioner.create(kafka.bootstrapServers(), topics, 2, (short) 1);
            // no record flows in this test: the registry is never asked
            StreamsAppConfig config = StreamsAppConfig.of(kafka.bootstrapServers(), "http://127.0.0.1:9", topics.prefix(),
                    "faultline-readiness-it", workDir.resolve("streams-state"));
            int port = m.endpoint().orElseThrow().port();
            try (StreamsApp app = StreamsApp.start(config, PipelineMeters.of(m.registry()))) {
                m.require(new KafkaReadiness(kafka.bootstrapServers()));
                m.require(StreamsReadiness.of(app::state));
                m.started();

                List<Answer> answers = new ArrayList<>();
                try {
                    await("ready").atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                            .pollInSameThread().until(() -> {
                                KafkaStreams.State before = app.state();
                                HttpResponse<String> r = get(port, "/readyz");
                                answers.add(new Answer(r.statusCode(), r.body(), before, app.state()));
                                return r.statusCode() == 200;
                            });
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("ready within 120 s; answers so far: " + answers, e);
                }
                for (Answer a : answers) {
                    if (a.status() == 200) {
                        // the state can only have been RUNNING while the check ran if it was at one end of it
                        assertThat(List.of(a.before(), a.after())).as(a.toString()).contains(KafkaStreams.State.RUNNING);
                    } else {
                        assertThat(a.status()).isEqualTo(503);
                        assertThat(a.body()).as(a.toString()).contains("FAIL kafka-streams: state is ").doesNotContain("FAIL kafka:");
                        assertThat(a.before()).as(a.toString()).isNotEqualTo(KafkaStreams.State.RUNNING);
                    }
                }
                assertThat(answers.get(0).status()).as("not ready before the application runs: " + answers.get(0))
                        .isEqualTo(503);
                assertThat(answers.get(answers.size() - 1).body()).startsWith("ready").contains("ok   kafka\n")
                        .contains("ok   kafka-streams\n");

                kafka.close();
                brokerUp = false;
                AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
                HttpResponse<String> r;
                try {
                    r = await("not ready once the broker is gone").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                            .pollInterval(Duration.ofMillis(10)).pollInSameThread()
                            .until(() -> {
                                last.set(get(port, "/readyz"));
                                return last.get();
                            }, a -> a.statusCode() == 503 && a.body().contains("FAIL kafka: "));
                } catch (ConditionTimeoutException e) {
                    throw new AssertionError("not ready within 30 s of the broker stopping; last answer: "
                            + (last.get() == null ? "none" : last.get().body()), e);
                }
                assertThat(r.body()).contains("FAIL kafka: " + kafka.bootstrapServers() + " not reachable within 3 s");
                assertThat(get(port, "/healthz").statusCode()).as("alive all the same").isEqualTo(200);
            }
        } finally {
            if (brokerUp) {
                kafka.close();
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
