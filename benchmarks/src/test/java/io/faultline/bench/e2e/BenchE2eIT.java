package io.faultline.bench.e2e;

import io.faultline.app.Faultline;
import io.faultline.bench.BenchCommand;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Smoke test of {@code faultline bench e2e} on the first 40 minutes of the AWS 2021 replay (about
 * 12,000 raw records): it runs on the real embedded stack and prints sane figures. No timing is
 * asserted; what is checked is that every stage saw the records and both rates are there.
 */
class BenchE2eIT {

    private static final Pattern STAGES = Pattern.compile(
            "raw ([\\d,]+) -> signals ([\\d,]+) -> service-health changes ([\\d,]+) -> incident revisions ([\\d,]+)");
    private static final Pattern RATE = Pattern.compile("([\\d,]+) records in +[\\d.]+ s +([\\d,]+) records/s");

    @Test
    void prints_both_rates_their_ratio_and_what_each_stage_produced() {
        Path home = Path.of(System.getProperty("faultline.home", ".."));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            // as the benchmarks' launcher runs it: the app's command line with the real bench in place
            code = Faultline.execute(List.of(new BenchCommand()), "bench", "e2e", "--to", "2021-12-07T15:40:00Z", "--quiet-period", "PT8S",
                    "--timeout", "PT5M", "--work-dir", home.resolve("benchmarks/target/bench-e2e-it").toString());
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertThat(code).isZero();

        Matcher stages = STAGES.matcher(out);
        assertThat(stages.find()).as("stage counts printed").isTrue();
        long raw = number(stages.group(1));
        assertThat(raw).isPositive();
        assertThat(number(stages.group(2))).as("signals").isPositive();
        assertThat(number(stages.group(3))).as("health changes").isPositive().isLessThan(raw);
        assertThat(number(stages.group(4))).as("the outage starts at 15:31, inside the window").isPositive();
        assertThat(out).containsPattern("incident aws-us-east-1-\\S+ rev \\d+ .* cause aws/us-east-1");

        List<long[]> rates = new ArrayList<>();
        Matcher m = RATE.matcher(out);
        while (m.find()) {
            rates.add(new long[] {number(m.group(1)), number(m.group(2))});
        }
        assertThat(rates).as("copy, pipeline, pipeline with start-up").hasSize(3)
                .allSatisfy(r -> {
                    assertThat(r[0]).isEqualTo(raw);
                    assertThat(r[1]).isPositive();
                });
        assertThat(out).containsPattern("ratio pipeline / copy: \\d+\\.\\d{3}");
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }
}
