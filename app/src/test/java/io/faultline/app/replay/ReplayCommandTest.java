package io.faultline.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.ingestion.replay.ReplaySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.faultline.app.Faultline;

/** {@code faultline replay --write-archive} and the command's option checks (no broker needed). */
class ReplayCommandTest {

    static final Path HOME = Path.of(System.getProperty("faultline.home", "..")).toAbsolutePath().normalize();
    static final Path FASTLY = HOME.resolve("replays/fastly-2021-06-08");
    static final Instant FROM = Instant.parse("2021-06-08T09:45:00Z");
    static final Instant TO = Instant.parse("2021-06-08T10:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void writeArchiveHoldsTheGeneratedEventsOfTheWindow() throws Exception {
        Path out = tmp.resolve("events");
        assertThat(run("replay", FASTLY.toString(), "--from", FROM.toString(), "--to", TO.toString(),
                "--write-archive", out.toString())).isZero();
        long expected;
        try (ReplaySource s = ReplaySource.open(FASTLY, ReplayOptions.defaults().withWindow(FROM, TO))) {
            long[] n = {0};
            s.events().forEachRemaining(e -> n[0]++);
            expected = n[0];
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("total").asLong()).isEqualTo(expected).isGreaterThan(1000);
        assertThat(manifest.get("created").isNull()).isTrue();
        assertThat(manifest.at("/counts/STATUS_PAGE").asLong()).isEqualTo(1); // Fastly's 09:58 post
        assertThat(manifest.get("notes").get(0).asText()).startsWith("RECONSTRUCTED replay fastly-2021-06-08");

        Path again = tmp.resolve("again");
        assertThat(run("replay", FASTLY.toString(), "--from", FROM.toString(), "--to", TO.toString(),
                "--write-archive", again.toString())).isZero();
        assertThat(Files.readAllBytes(again.resolve("events.ndjson.gz"))).isEqualTo(Files.readAllBytes(out.resolve("events.ndjson.gz")));
    }

    @Test
    void producingNeedsABrokerAndAPositiveSpeed() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Faultline());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("replay", FASTLY.toString(), "--from", FROM.toString(), "--to", TO.toString())).isNotZero();
        assertThat(err.toString()).contains("--bootstrap-servers");

        StringWriter err2 = new StringWriter();
        CommandLine cli2 = new CommandLine(new Faultline());
        cli2.setErr(new PrintWriter(err2));
        assertThat(cli2.execute("replay", FASTLY.toString(), "--speed", "0", "--bootstrap-servers", "x:1", "--registry-url",
                "http://localhost:1")).isNotZero();
        assertThat(err2.toString()).contains("--speed 0.0: must be greater than 0");
    }

    @Test
    void batchRunsTheWindowThroughStreamsAndFlinkBatchAndWritesEveryRevision() throws Exception {
        Path out = tmp.resolve("incidents.ndjson");
        assertThat(run("replay", FASTLY.toString(), "--from", FROM.toString(), "--to", TO.toString(), "--batch",
                "--catalog-dir", HOME.resolve("catalog").toString(), "--incidents-out", out.toString())).isZero();
        java.util.List<String> lines = Files.readAllLines(out);
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        java.util.List<JsonNode> revisions = new java.util.ArrayList<>();
        for (String line : lines) {
            revisions.add(json.readTree(line));
        }
        // the same engine evaluate scores with: its named cause is the replay's expected one
        JsonNode expected = json.readTree(FASTLY.resolve("expected.json").toFile());
        assertThat(revisions).allSatisfy(r -> assertThat(r.at("/cause/componentId/string").asText())
                .isEqualTo(expected.get("cause").asText()));
        assertThat(revisions).extracting(r -> r.get("revision").asInt()).isSorted().startsWith(1);
    }

    @Test
    void batchExcludesWritingAnArchiveAndIncidentsOutNeedsBatch() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Faultline());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("replay", FASTLY.toString(), "--batch", "--write-archive", tmp.toString())).isNotZero();
        assertThat(err.toString()).contains("--batch and --write-archive");
        StringWriter err2 = new StringWriter();
        CommandLine cli2 = new CommandLine(new Faultline());
        cli2.setErr(new PrintWriter(err2));
        assertThat(cli2.execute("replay", FASTLY.toString(), "--incidents-out", tmp.resolve("x").toString())).isNotZero();
        assertThat(err2.toString()).contains("--incidents-out: only with --batch");
    }

    @Test
    void recordNeedsAWindowOrADuration() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Faultline());
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("record", "--out", tmp.toString(), "--bootstrap-servers", "x:1", "--registry-url",
                "http://localhost:1")).isNotZero();
        assertThat(err.toString()).contains("--from or --duration");
    }

    private static int run(String... args) {
        return new CommandLine(new Faultline()).execute(args);
    }
}
