package io.faultline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.app.Faultline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code faultline bench} as the script runs it (the benchmarks' launcher): listed where it always was,
 * its help at every level, and its mistakes answered as every verb's are (one line, the documented
 * exit code).
 */
class FaultlineWithBenchTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Faultline.execute(List.of(new BenchCommand()), args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsBenchBetweenNetworksAndHelp() {
        Run r = run("help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("(?s)\n  networks .*\n  bench +Benchmarks that print their figures\\.\n  help ");
    }

    @Test
    void benchAndItsVerbsAnswerHelp() {
        assertThat(run("bench", "--help").out()).contains("Usage: faultline bench", "e2e", "statuspages");
        Run e2e = run("help", "bench", "e2e");
        assertThat(e2e.code()).isZero();
        assertThat(e2e.out()).contains("Usage: faultline bench e2e", "--work-dir", "--quiet-period");
        assertThat(run("bench", "statuspages", "--help").out()).contains("Usage: faultline bench statuspages", "--pages");
    }

    @Test
    void mistakesGetOneLineAndTheirExitCode() {
        Run bad = run("bench", "e2e", "--partitions", "0");
        assertThat(bad.code()).isEqualTo(5);
        assertThat(bad.err()).startsWith("faultline bench e2e: --partitions 0: accepted values are 1 to 64");
        Run badTime = run("bench", "e2e", "--from", "2021-13-40");
        assertThat(badTime.code()).isEqualTo(2);
        assertThat(badTime.err()).contains("'2021-13-40' is not a UTC time in ISO-8601 form").doesNotContain("Exception");
        Run unknown = run("bench", "nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("faultline bench: Unmatched argument at index 1: 'nope'");
    }
}
