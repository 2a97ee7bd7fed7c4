package io.faultline.app;

import static io.faultline.app.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FaultlineCliTest {

    @Test
    void everySubcommandHasHelp() {
        CommandLine cli = new CommandLine(new Faultline());
        assertThat(cli.getSubcommands()).containsKeys("demo", "help");
        for (String sub : cli.getSubcommands().keySet()) {
            if (sub.equals("help")) {
                continue;
            }
            CliRun r = run(sub, "--help");
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
        CliRun r = run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument", "frobnicate");
        assertThat(run("demo", "--no-such-option").code()).isEqualTo(2);
    }
}
