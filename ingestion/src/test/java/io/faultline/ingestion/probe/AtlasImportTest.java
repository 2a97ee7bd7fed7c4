package io.faultline.ingestion.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.flink.avro.registry.confluent.shaded.io.confluent.kafka.schemaregistry.client.MockSchemaRegistryClient;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.faultline.avro.ConnectionEventType;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeType;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.CollectingSink;
import io.faultline.ingestion.Rejected;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.SchemaRegistry;

class AtlasImportTest {

    static final Instant OBSERVED = Instant.parse("2021-12-07T16:00:00Z");
    static final Clock CLOCK = Clock.fixed(OBSERVED, ZoneOffset.UTC);
    final AtlasRecordParser parser = new AtlasRecordParser(CLOCK, TargetResolver.NONE, NetworkTagger.NONE);

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(AtlasImportTest.class.getResource("/probe/" + name).toURI());
    }

    @Test
    void streamingFramesFromStdinBecomeResultsAndEventsAndTheBrokenFramesAreRejectedWithTheirLine() throws Exception {
        byte[] stream = Files.readAllBytes(fixture("atlas_stream.txt"));
        CollectingSink out = new CollectingSink();
        AtlasImport.Counts counts = AtlasImport.importStream(new ByteArrayInputStream(stream), "stdin", parser, out);

        assertThat(out.results).extracting(ProbeResult::getVantage).containsExactly("atlas:3001", "atlas:3004");
        ProbeResult http = out.results.get(1);
        assertThat(http.getProbeType()).isEqualTo(ProbeType.HTTP);
        assertThat(http.getStatusCode()).isEqualTo(200);
        assertThat(http.getConnectMs()).isEqualTo(10.25);
        assertThat(http.getFirstByteMs()).isEqualTo(30.5);
        assertThat(out.connections).singleElement().satisfies(e -> {
            assertThat(e.getProbeId()).isEqualTo(3002L);
            assertThat(e.getEvent()).isEqualTo(ConnectionEventType.DISCONNECT);
            assertThat(e.getAsn()).isEqualTo(3333L);
        });
        assertThat(out.rejected).hasSize(2);
        assertThat(out.rejected.get(0).errorType()).isEqualTo("PARSE_ERROR");
        assertThat(out.rejected.get(0).context()).containsEntry("file", "stdin").containsEntry("line", "5");
        assertThat(new String(out.rejected.get(0).payload(), StandardCharsets.UTF_8)).contains("\"prb_id\":3003");
        assertThat(out.rejected.get(1).errorType()).isEqualTo("STREAM_ERROR");
        assertThat(out.rejected.get(1).reason()).contains("does not exist");
        assertThat(counts).isEqualTo(new AtlasImport.Counts(2, 1, 2));
    }

    @Test
    void aDirectoryOfResultAndConnectionFilesIsSplitByKindAndGzipIsRead() throws Exception {
        Path dir = fixture("atlas_results.ndjson").getParent();
        CollectingSink out = new CollectingSink();
        AtlasImport.Counts counts = AtlasImport.importPath(dir, parser, out);

        // msm7000.json and its gzipped copy hold the same events (probes 2xxx; 3002 is in the stream capture)
        Map<Long, Long> byProbe = out.connections.stream().filter(e -> e.getProbeId() < 3000)
                .collect(Collectors.groupingBy(ProbeConnectionEvent::getProbeId, Collectors.counting()));
        assertThat(byProbe).isNotEmpty().allSatisfy((probe, n) -> assertThat(n).isEqualTo(2L));
        assertThat(out.results).extracting(ProbeResult::getVantage).contains("atlas:1001", "atlas:3004");
        assertThat(out.rejected).isNotEmpty().allSatisfy(r -> assertThat(r.context()).containsKey("file"));
        assertThat(counts.results() + counts.connections() + counts.rejected())
                .isEqualTo(out.results.size() + out.connections.size() + out.rejected.size());
    }

    @Test
    void thePublicAtlasSamplesImportWholeWithEveryMeasurement7000EventAccountedFor() {
        // the whole public folder, with the large files that are not among the committed samples
        Path probes = DataDir.file("probes/disco_comcast_7000_20150210.json").getParent();
        CollectingSink out = new CollectingSink();
        AtlasImport.importPath(probes, parser, out);

        // event counts per file as listed in probes/PROVENANCE.md: 1,835 + 20,205 + 10,497 + 10,561
        assertThat(out.connections).hasSize(1_835 + 20_205 + 10_497 + 10_561);
        assertThat(out.connections).allSatisfy(e -> assertThat(e.getEventTime()).isBefore(Instant.parse("2017-01-01T00:00:00Z")));
        assertThat(out.results).extracting(ProbeResult::getProbeType)
                .contains(ProbeType.PING, ProbeType.HTTP, ProbeType.DNS, ProbeType.TRACEROUTE);
        // sslcert results and bare probe-metadata objects are not results: rejected with a reason, never dropped
        Map<String, Long> rejectedByType = out.rejected.stream()
                .collect(Collectors.groupingBy(Rejected::errorType, Collectors.counting()));
        assertThat(rejectedByType).containsKey("UNSUPPORTED_EVENT");
        assertThat(out.rejected).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
    }

    @Test
    void theKafkaSinkKeysResultsByTargetEventsByProbeAndDeadLettersBySource() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        SchemaRegistry registry = new SchemaRegistry(new MockSchemaRegistryClient(), true);
        Topics topics = Topics.withPrefix("t.");
        CollectingSink parsed = new CollectingSink();
        AtlasImport.Counts counts;
        try (ProbeKafkaSink sink = new ProbeKafkaSink(producer, topics, registry, CLOCK)) {
            counts = AtlasImport.importStream(Files.newInputStream(fixture("atlas_stream.txt")), "stdin", parser,
                    new Tee(sink, parsed));
        }
        Map<String, List<ProducerRecord<String, byte[]>>> byTopic = producer.history().stream()
                .collect(Collectors.groupingBy(ProducerRecord::topic));
        assertThat(byTopic.get("t.raw.probe")).hasSize((int) counts.results());
        assertThat(byTopic.get("t.raw.probe-connection")).hasSize((int) counts.connections());
        assertThat(byTopic.get("t.dlq")).hasSize((int) counts.rejected());

        ProducerRecord<String, byte[]> first = byTopic.get("t.raw.probe").get(0);
        ProbeResult decoded = topics.rawProbe.serde(registry).deserialize(first.topic(), first.value());
        assertThat(first.key()).isEqualTo(decoded.getTargetId()).isEqualTo("example.com");
        assertThat(decoded).isEqualTo(parsed.results.get(0));
        ProducerRecord<String, byte[]> event = byTopic.get("t.raw.probe-connection").get(0);
        assertThat(event.key()).isEqualTo("3002");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochSecond(1638892101).toEpochMilli());
        ProducerRecord<String, byte[]> dead = byTopic.get("t.dlq").get(0);
        DeadLetter d = topics.deadLetters.serde(registry).deserialize(dead.topic(), dead.value());
        assertThat(dead.key()).isEqualTo(AtlasResultParser.SOURCE);
        assertThat(d.getReason()).isNotBlank();
        assertThat(d.getContext()).containsEntry("line", "5");
    }

    /** Sends to both outputs. */
    record Tee(AtlasImport.Output a, AtlasImport.Output b) implements AtlasImport.Output {
        @Override
        public void result(ProbeResult r) {
            a.result(r);
            b.result(r);
        }

        @Override
        public void connection(ProbeConnectionEvent e) {
            a.connection(e);
            b.connection(e);
        }

        @Override
        public void rejected(Rejected r) {
            a.rejected(r);
            b.rejected(r);
        }
    }

}
