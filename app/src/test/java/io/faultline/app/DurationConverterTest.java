package io.faultline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The one duration syntax of the command line (docs/running.md, "Durations"). */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void aNumberAndAUnit() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(converter.convert(" 0s ")).isZero();
        assertThat(converter.convert("10M")).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void isoEightSixZeroOneIsReadToo() {
        assertThat(converter.convert("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("P1D")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anythingElseIsRefusedSayingWhatIsAccepted() {
        for (String bad : new String[] {"soon", "3", "1.5s", "-5s", "5 minutes", "1w", "", "PT", "99999999999999999d"}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessage("'" + bad + "' is not a duration (e.g. 500ms, 30s, 5m, 2h, 1d, or ISO-8601 PT30S)");
        }
    }

    @Test
    void aWrongValueOnTheCommandLineIsAUsageErrorNamingTheOption() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new Faultline());
        cli.setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("ingest", "statuspages", "--interval", "soon")).isEqualTo(ErrorReport.USAGE);
        assertThat(err.toString()).contains("Invalid value for option '--interval': 'soon' is not a duration");
    }

    @Test
    void everyDurationOptionOfEveryCommandReadsThisSyntax() {
        List<String> checked = new ArrayList<>();
        List<String> others = new ArrayList<>();
        visit(new CommandLine(new Faultline()), checked, others);
        // typed Duration with this converter, or a String run correlation hands to DurationConverter.parse
        assertThat(others).isEmpty();
        assertThat(checked).contains("faultline ingest statuspages --interval", "faultline api --request-timeout",
                "faultline discover edges --timeout", "faultline replay --progress-every");
    }

    private static void visit(CommandLine cmd, List<String> checked, List<String> others) {
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (o.type() == Duration.class) {
                String name = cmd.getCommandSpec().qualifiedName(" ") + " " + o.longestName();
                boolean ours = o.converters().length == 1 && o.converters()[0] instanceof DurationConverter;
                (ours ? checked : others).add(name);
                if (ours && o.defaultValue() != null) {
                    // defaults are written in the documented short form
                    assertThat(o.defaultValue()).as(name).matches("\\d+(ms|s|m|h|d)");
                }
            }
        }
        cmd.getSubcommands().values().forEach(sub -> visit(sub, checked, others));
    }
}
