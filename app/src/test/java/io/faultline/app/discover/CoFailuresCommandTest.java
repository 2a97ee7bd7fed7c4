package io.faultline.app.discover;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline discover cofailures} as a user runs it: tables on stdout, a fragment only when asked. */
class CoFailuresCommandTest {

    private static final Path HOME = Path.of("..");

    @Test
    void prints_the_history_read_and_writes_the_fragment_only_when_asked(@TempDir Path tmp) throws Exception {
        Path fragment = tmp.resolve("proposed.yaml");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            code = new CommandLine(new DiscoverCommand()).execute("cofailures", "--catalog", HOME.resolve("catalog").toString(),
                    "--min-support", "2", "--yaml", fragment.toString(), HOME.resolve("replays/fastly-2021-06-08").toString());
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(code).isZero();
        assertThat(out).contains("replays/fastly-2021-06-08: ").contains("raw events -> ")
                .contains("min support 2").contains("proposed edges: ").contains("service pairs: ")
                .contains("the catalog was not changed");
        assertThat(Files.readString(fragment)).startsWith("# PROPOSED, NOT APPLIED.").contains("proposedEdges:");
    }

    @Test
    void bad_settings_are_refused_naming_the_option() {
        assertThat(refusal("cofailures", "--min-support", "1", HOME.resolve("replays/fastly-2021-06-08").toString()))
                .contains("--min-support 1");
        assertThat(refusal("cofailures", "--held-out", "--bootstrap-servers", "localhost:9092", "--registry-url",
                "http://localhost:8081")).contains("--held-out");
    }

    private static String refusal(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DiscoverCommand());
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            return 1;
        });
        assertThat(cli.execute(args)).isNotZero();
        return err.toString();
    }
}
