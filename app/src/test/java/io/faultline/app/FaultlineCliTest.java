package io.faultline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FaultlineCliTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Faultline());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everySubcommandHasHelp() {
        CommandLine cli = new CommandLine(new Faultline());
        assertThat(cli.getSubcommands()).containsKeys("demo", "help");
        for (String sub : cli.getSubcommands().keySet()) {
            if (sub.equals("help")) {
                continue;
            }
            Run r = run(sub, "--help");
            assertThat(r.code()).as(sub + " --help exit code").isZero();
            assertThat(r.out()).as(sub + " --help").contains("Usage: faultline " + sub);
        }
    }

    @Test
    void demoHelpDocumentsTheWorkDirectory() {
        assertThat(run("demo", "--help").out()).contains("--work-dir");
    }

    @Test
    void unknownSubcommandOrOptionIsAUsageError() {
        Run r = run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument", "frobnicate");
        assertThat(run("demo", "--no-such-option").code()).isEqualTo(2);
    }
}
