package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import io.faultline.app.DurationConverter;
import io.faultline.app.Faultline;

/** Option handling of {@code faultline ingest statuspages}: bad settings fail at start, naming the setting. */
class IngestStatusPagesCommandTest {

    private record Run(int code, String out, String err) {
    }

    /** Like {@code Faultline.main}: an exception from a command becomes one line on stderr and exit 1. */
    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Faultline());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("faultline " + cmd.getCommandName() + ": " + e.getMessage());
            return 1;
        });
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run statuspages(String... extra) {
        String[] base = {"ingest", "statuspages", "--bootstrap-servers", "127.0.0.1:1", "--registry-url",
                "http://127.0.0.1:1", "--catalog", "../catalog"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return run(all);
    }

    @Test
    void ingestListsStatuspagesAndItsHelpDocumentsTheOptions() {
        assertThat(run("ingest", "--help").out()).contains("statuspages");
        assertThat(run("ingest", "statuspages", "--help").out()).contains("--interval", "--per-host-concurrency",
                "--max-body-bytes", "--allow-private-addresses", "--once", "--catalog", "--topic-prefix");
    }

    @Test
    void badValuesFailBeforeAnyConnectionNamingTheSetting() {
        Run interval = statuspages("--interval", "10ms");
        Run perHost = statuspages("--per-host-concurrency", "0");
        Run body = statuspages("--max-body-bytes", "12");
        Run prefix = statuspages("--topic-prefix", "bad prefix/");

        assertThat(interval.code()).isEqualTo(1);
        assertThat(interval.err()).contains("--interval", "at least");
        assertThat(perHost.err()).contains("--per-host-concurrency", "1 to 64");
        assertThat(body.err()).contains("--max-body-bytes");
        assertThat(prefix.err()).contains("topic prefix");
    }

    @Test
    void unreadableValuesAndMissingSettingsAreUsageErrors() {
        Run duration = statuspages("--interval", "soon");
        Run missing = run("ingest", "statuspages");

        assertThat(duration.code()).isEqualTo(2);
        assertThat(duration.err()).contains("--interval", "not a duration");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--bootstrap-servers", "--registry-url");
    }

    @Test
    void aBrokenCatalogIsReportedWithItsProblems() {
        Run r = run("ingest", "statuspages", "--bootstrap-servers", "127.0.0.1:1", "--registry-url",
                "http://127.0.0.1:1", "--catalog", "no-such-catalog");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("--catalog no-such-catalog is invalid", "providers.yaml");
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("500ms")).hasMillis(500);
        assertThat(c.convert("30s")).hasSeconds(30);
        assertThat(c.convert("5m")).hasMinutes(5);
        assertThat(c.convert("PT2H")).hasHours(2);
    }
}
