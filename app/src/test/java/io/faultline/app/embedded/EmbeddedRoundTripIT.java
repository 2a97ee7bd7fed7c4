package io.faultline.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.app.embedded.EmbeddedStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation's promise, end to end on real components: Avro records go through the
 * in-process KRaft broker and the Apicurio registry (Confluent API) into a Flink mini-cluster
 * job and back out; malformed payloads come out on the dead-letter topic with a typed reason.
 */
class EmbeddedRoundTripIT {

    @RegisterExtension
    static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();

    @Test
    void recordsComeBackIntactAndMalformedOnesReachTheDeadLetterTopic() throws Exception {
        List<ProbeResult> sent = WiringCheck.sampleRecords(Instant.parse("2021-12-07T15:32:00Z"));
        byte[] wrongMagic = {0x7f, 0, 0, 0, 1, 2};
        byte[] unknownId = ByteBuffer.allocate(6).put((byte) 0).putInt(987_654).put((byte) 2).array();

        WiringCheck.Result result = WiringCheck.run(STACK.stack(), sent, List.of(wrongMagic, unknownId), Duration.ofSeconds(90), line -> { });

        assertThat(result.received()).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(result.deadLetters()).extracting(DeadLetter::getErrorType)
                .containsExactlyInAnyOrder("UNKNOWN_MAGIC_BYTE", "UNKNOWN_SCHEMA_ID");
        assertThat(result.deadLetters()).extracting(d -> toArray(d.getPayload()))
                .containsExactlyInAnyOrder(wrongMagic, unknownId);
        assertThat(result.deadLetters()).allSatisfy(d -> {
            assertThat(d.getOriginalTopic()).isEqualTo(STACK.stack().topics().rawProbe.name());
            assertThat(d.getOriginalOffset()).isNotNull();
        });
    }

    @Test
    void schemasAreRegisteredThroughTheConfluentApiUnderTopicNameSubjects() throws Exception {
        WiringCheck.run(STACK.stack(), WiringCheck.sampleRecords(Instant.now()), List.of(), Duration.ofSeconds(90), line -> { });

        HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(STACK.stack().registryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).contains("\"faultline.raw.probe-value\"", "\"faultline.wiring-check-value\"");
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
