package io.faultline.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.ingestion.probe.prober.RoundSummary;
import io.faultline.ingestion.probe.prober.Vantage;
import io.faultline.ingestion.probe.prober.VantageHeartbeat;
import io.faultline.ingestion.replay.ArchiveWriter;
import io.faultline.ingestion.replay.RawEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.faultline.app.Faultline;

/**
 * The own prober's vantages through the whole batch path ({@code faultline replay --batch}): the
 * heartbeats its rounds send ({@link VantageHeartbeat}), the streams logic, the correlation job in
 * Flink. A SYNTHETIC scenario (no public data of own-prober fleets exists): 40 vantages in 8
 * networks of the documentation ASN range, one round a minute; the 5 vantages of AS64501 fall
 * silent for 90 minutes, as their network would take their link to Kafka down with it.
 */
class VantageOutageReplayTest {

    static final Path HOME = Path.of(System.getProperty("faultline.home", "..")).toAbsolutePath().normalize();
    static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    static final Instant CUT = T0.plus(Duration.ofHours(3)).plusSeconds(40);
    static final Instant RESTORED = CUT.plus(Duration.ofMinutes(90));

    @TempDir
    Path tmp;

    @Test
    void vantagesOfOneNetworkFallingSilentGiveOneNetworkIncidentResolvedWhenTheyReturn() throws Exception {
        Path archive = tmp.resolve("vantages");
        writeHeartbeats(archive);
        Path out = tmp.resolve("incidents.ndjson");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Faultline());
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("replay", archive.toString(), "--batch", "--catalog-dir", HOME.resolve("catalog").toString(),
                "--incidents-out", out.toString());
        assertThat(code).as(err.toString()).isZero();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> revisions = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            revisions.add(json.readTree(line));
        }
        assertThat(revisions).extracting(r -> r.get("incidentId").asText()).as("one incident, nothing else").containsOnly(
                revisions.get(0).get("incidentId").asText());
        JsonNode last = revisions.get(revisions.size() - 1);
        assertThat(last.at("/cause/componentId/string").asText()).isEqualTo("as64501");
        assertThat(last.get("state").asText()).isEqualTo("RESOLVED");
        assertThat(last.at("/commonAttributes/vantages").asText()).isEqualTo("v1,v17,v25,v33,v9");
        Instant start = Instant.parse(last.at("/commonAttributes/start").asText());
        Instant end = Instant.parse(last.at("/commonAttributes/end").asText());
        assertThat(Duration.between(start, CUT)).isBetween(Duration.ZERO, Duration.ofMinutes(1));
        assertThat(Duration.between(RESTORED, end)).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    }

    /** What 40 probers' rounds would send: a heartbeat per vantage per minute, a few seconds of jitter. */
    static void writeHeartbeats(Path dir) {
        Random random = new Random(42);
        List<ProbeConnectionEvent> events = new ArrayList<>();
        for (int v = 0; v < 40; v++) {
            Vantage vantage = new Vantage("v" + v, null, 64500L + v % 8, "NL");
            Instant round = T0.plusSeconds(random.nextInt(60));
            while (round.isBefore(T0.plus(Duration.ofHours(6)))) {
                boolean silent = vantage.asn() == 64501 && !round.isBefore(CUT) && round.isBefore(RESTORED);
                if (!silent) {
                    Instant at = round.plusMillis(random.nextInt(2000));
                    events.add(VantageHeartbeat.of(vantage, new RoundSummary(at, 12, 36, 36, Map.of()), at));
                }
                round = round.plusSeconds(60);
            }
        }
        events.sort(Comparator.comparing(ProbeConnectionEvent::getEventTime));
        try (ArchiveWriter w = ArchiveWriter.create(dir, "synthetic own-prober heartbeats (test)", null,
                List.of("SYNTHETIC: 40 vantages, AS64501 silent " + CUT + " to " + RESTORED))) {
            events.forEach(e -> w.write(RawEvent.of(e)));
        }
    }
}
