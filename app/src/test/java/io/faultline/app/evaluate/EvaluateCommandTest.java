package io.faultline.app.evaluate;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the replay library through the pipeline's code (streams logic + core engine) and checks
 * the table a user would read: with all catalog edges every outage is detected and its cause
 * named, and nothing is blamed on a cloud in the CrowdStrike replay.
 */
class EvaluateCommandTest {

    private static final Path HOME = Path.of("..");

    private record Evaluation(int code, String table) {
    }

    /** {@code faultline evaluate} of {@code replays} (core engine, all catalog edges, --require-pass); its table is echoed. */
    private static Evaluation evaluate(Path replays) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new EvaluateCommand()).execute("--engine", "CORE", "--catalog-view", "ALL_EDGES",
                    "--catalog", HOME.resolve("catalog").toString(), "--require-pass", replays.toString());
        } finally {
            System.setOut(original);
        }
        String table = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(table);
        return new Evaluation(code, table);
    }

    @Test
    void every_replay_passes_with_all_edges() throws Exception {
        Evaluation e = evaluate(HOME.resolve("replays"));
        int code = e.code();
        String table = e.table();
        assertThat(code).isZero();
        assertThat(table).contains("aws-us-east-1-2021-12-07", "crowdstrike-2024-07-19", "fastly-2021-06-08")
                .containsPattern("detection (\\d+)/\\1 = 1\\.00, naming \\1/\\1 = 1\\.00")
                .contains("precision 1.00")
                .doesNotContain(" NO ");
    }

    /**
     * The public RIPE Atlas days: every network event Disco published for 2016-04-29 is found with
     * start within 5 and end within 15 minutes, at most 2 false alarms a day, and the quiet day stays
     * quiet (expected.json holds the published facts; nothing here repeats them).
     */
    @Test
    void the_network_replays_find_the_published_events_without_a_catalog_entry() {
        Evaluation e = evaluate(HOME.resolve("replays/network"));
        int code = e.code();
        String table = e.table();
        assertThat(code).isZero();
        assertThat(table).contains("atlas-2016-04-29", "atlas-2011-01-15").doesNotContain("MISSED", "FAIL");
    }

    @Test
    void a_folder_without_replays_is_refused_by_name() {
        int code = new CommandLine(new EvaluateCommand()).execute("--catalog", HOME.resolve("catalog").toString(),
                HOME.resolve("catalog").toString());
        assertThat(code).isNotZero();
    }
}
