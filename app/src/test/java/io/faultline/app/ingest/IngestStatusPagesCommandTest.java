package io.faultline.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import io.faultline.app.DurationConverter;
import io.faultline.app.CliRun;

/** Option handling of {@code faultline ingest statuspages}: bad settings fail at start, naming the setting. */
class IngestStatusPagesCommandTest {

    private static CliRun statuspages(String... extra) {
        String[] base = {"ingest", "statuspages", "--bootstrap-servers", "127.0.0.1:1", "--registry-url",
                "http://127.0.0.1:1", "--catalog", "../catalog"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CliRun.runReportingErrors(all);
    }

    @Test
    void ingestListsStatuspagesAndItsHelpDocumentsTheOptions() {
        assertThat(CliRun.runReportingErrors("ingest", "--help").out()).contains("statuspages");
        assertThat(CliRun.runReportingErrors("ingest", "statuspages", "--help").out()).contains("--interval", "--per-host-concurrency",
                "--max-body-bytes", "--allow-private-addresses", "--once", "--catalog", "--topic-prefix");
    }

    @Test
    void badValuesFailBeforeAnyConnectionNamingTheSetting() {
        CliRun interval = statuspages("--interval", "10ms");
        CliRun perHost = statuspages("--per-host-concurrency", "0");
        CliRun body = statuspages("--max-body-bytes", "12");
        CliRun prefix = statuspages("--topic-prefix", "bad prefix/");

        assertThat(interval.code()).isEqualTo(1);
        assertThat(interval.err()).contains("--interval", "at least");
        assertThat(perHost.err()).contains("--per-host-concurrency", "1 to 64");
        assertThat(body.err()).contains("--max-body-bytes");
        assertThat(prefix.err()).contains("topic prefix");
    }

    @Test
    void unreadableValuesAndMissingSettingsAreUsageErrors() {
        CliRun duration = statuspages("--interval", "soon");
        CliRun missing = CliRun.runReportingErrors("ingest", "statuspages");

        assertThat(duration.code()).isEqualTo(2);
        assertThat(duration.err()).contains("--interval", "not a duration");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--bootstrap-servers", "--registry-url");
    }

    @Test
    void aBrokenCatalogIsReportedWithItsProblems() {
        CliRun r = CliRun.runReportingErrors("ingest", "statuspages", "--bootstrap-servers", "127.0.0.1:1", "--registry-url",
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
