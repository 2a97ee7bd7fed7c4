package io.faultline.ingestion.replay;

import static io.faultline.ingestion.replay.SampleEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.ingestion.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void everyKindComesBackEqualWithKeyAndTime() throws IOException {
        List<RawEvent> written = SampleEvents.allKinds(T0);
        try (ArchiveWriter w = ArchiveWriter.create(dir, "test", T0, List.of("a note"))) {
            written.forEach(w::write);
        }
        List<RawEvent> read = readAll(ArchiveReader.open(dir, ReplayOptions.defaults()));
        assertThat(read).isEqualTo(written);

        JsonNode manifest = ArchiveCodec.JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("total").asLong()).isEqualTo(4);
        assertThat(manifest.at("/counts/PROBE").asLong()).isEqualTo(1);
        assertThat(manifest.get("firstEventTime").asText()).isEqualTo(T0.toString());
        assertThat(manifest.get("lastEventTime").asText()).isEqualTo(T0.plusSeconds(3).toString());
        assertThat(manifest.at("/schemas/io.faultline.avro.ProbeResult/fingerprint").asText()).hasSize(16);
        assertThat(manifest.get("notes").get(0).asText()).isEqualTo("a note");
    }

    @Test
    void aTruncatedArchiveIsAnErrorNamingTheFileAndTheLineNotAQuietEnd() throws IOException {
        try (ArchiveWriter w = ArchiveWriter.create(dir, "test", T0, List.of())) {
            for (int i = 0; i < 2_000; i++) {
                w.write(SampleEvents.probe(T0.plusSeconds(i)));
            }
        }
        Path events = dir.resolve("events.ndjson.gz");
        byte[] whole = Files.readAllBytes(events);
        Files.write(events, java.util.Arrays.copyOf(whole, whole.length / 2));
        List<RawEvent> read = new ArrayList<>();

        assertThatThrownBy(() -> ArchiveReader.open(dir, ReplayOptions.defaults()).events().forEachRemaining(read::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(events.toString()).hasMessageContaining("truncated or corrupt after line");
        assertThat(read).as("what was read before the cut was delivered").isNotEmpty().hasSizeLessThan(2_000);
    }

    @Test
    void linesAreReadableJsonWithTheDocumentedFields() throws IOException {
        try (ArchiveWriter w = ArchiveWriter.create(dir, "test", null, List.of())) {
            w.write(SampleEvents.probe(T0));
        }
        String line = lines(dir.resolve("events.ndjson.gz")).get(0);
        JsonNode n = ArchiveCodec.JSON.readTree(line);
        assertThat(n.get("kind").asText()).isEqualTo("PROBE");
        assertThat(n.get("key").asText()).isEqualTo("coinbase");
        assertThat(n.get("eventTime").asText()).isEqualTo(T0.toString());
        assertThat(n.get("schema").asText()).isEqualTo("io.faultline.avro.ProbeResult");
        assertThat(n.at("/value/statusCode/int").asInt()).isEqualTo(503);
    }

    @Test
    void corruptLinesBecomeDeadLettersAndTheRestIsRead() throws IOException {
        List<RawEvent> good = SampleEvents.allKinds(T0);
        ArchiveCodec codec = new ArchiveCodec();
        List<String> lines = new ArrayList<>();
        lines.add(codec.encode(good.get(0)));
        lines.add("{\"kind\":\"PROBE\",\"key\":\"x\""); // truncated
        lines.add(codec.encode(good.get(1)));
        lines.add(codec.encode(good.get(2)).replace("\"success\":false", "\"success\":\"no\"")); // wrong type
        lines.add(codec.encode(good.get(2)).replace("\"kind\":\"PROBE\"", "\"kind\":\"TWEET\""));
        lines.add(codec.encode(SampleEvents.probe(T0))); // time goes backwards
        lines.add(codec.encode(good.get(3)));
        Path file = dir.resolve("events.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        ArchiveReader reader = ArchiveReader.open(file, ReplayOptions.defaults());
        List<RawEvent> read = readAll(reader);

        assertThat(read).containsExactly(good.get(0), good.get(1), good.get(3));
        assertThat(reader.rejected()).extracting(Rejected::errorType)
                .containsExactly("PARSE_ERROR", "UNDECODABLE", "INVALID_FIELD", "OUT_OF_ORDER");
        assertThat(reader.rejected()).extracting(r -> r.context().get("line")).containsExactly("2", "4", "5", "6");
        assertThat(reader.rejected().get(0).source()).isEqualTo(ArchiveReader.SOURCE);
        assertThat(new String(reader.rejected().get(0).payload(), StandardCharsets.UTF_8)).isEqualTo(lines.get(1));
        assertThat(reader.deadLetters(T0)).hasSize(4);
    }

    @Test
    void aWindowKeepsOnlyEventsInside() throws IOException {
        try (ArchiveWriter w = ArchiveWriter.create(dir, "test", null, List.of())) {
            SampleEvents.allKinds(T0).forEach(w::write);
        }
        List<RawEvent> read = readAll(ArchiveReader.open(dir,
                ReplayOptions.defaults().withWindow(T0.plusSeconds(1), T0.plusSeconds(3))));
        assertThat(read).extracting(RawEvent::kind).containsExactly(RawKind.SOCIAL, RawKind.PROBE);
    }

    @Test
    void theWriterRefusesEventsOutOfOrder() {
        try (ArchiveWriter w = ArchiveWriter.create(dir, "test", null, List.of())) {
            w.write(SampleEvents.probe(T0.plusSeconds(10)));
            assertThatThrownBy(() -> w.write(SampleEvents.probe(T0))).hasMessageContaining("event-time order");
        }
    }

    static List<RawEvent> readAll(ReplaySource source) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (source) {
            source.events().forEachRemaining(out::add);
        }
        return out;
    }

    static List<String> lines(Path gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }
}
