package io.faultline.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.faultline.app.ErrorReport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class MetricsOptionsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        MetricsOptions metrics;

        @Override
        public void run() {
        }
    }

    private static MetricsOptions parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.metrics;
    }

    @Test
    void defaultsToAnyFreePortOnLoopback() {
        MetricsOptions o = parse();
        assertThat(o.port()).isZero();
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.disabled()).isFalse();
        assertThat(parse("--metrics-port", "9404", "--metrics-host", "0.0.0.0", "--no-metrics"))
                .satisfies(x -> {
                    assertThat(x.port()).isEqualTo(9404);
                    assertThat(x.host()).isEqualTo("0.0.0.0");
                    assertThat(x.disabled()).isTrue();
                });
    }

    @Test
    void aPortOutOfRangeNamesTheOptionAndIsBadInput() {
        MetricsOptions o = parse("--metrics-port", "70000");
        assertThatThrownBy(() -> o.open(new PrintWriter(new StringWriter())))
                .hasMessage("--metrics-port 70000: accepted values are 0 (any free port) to 65535")
                .satisfies(t -> assertThat(ErrorReport.exitCode(t)).isEqualTo(ErrorReport.BAD_INPUT));
    }

    @Test
    void openAnnouncesTheUrlAndNoMetricsServesNothing() throws Exception {
        StringWriter text = new StringWriter();
        try (CommandMetrics m = parse().open(new PrintWriter(text, true))) {
            int port = m.endpoint().orElseThrow().port();
            assertThat(text.toString()).startsWith("metrics http://127.0.0.1:" + port + "/metrics");
            assertThat(m.registry().scrape()).contains("jvm_memory_used_bytes");
        }
        StringWriter none = new StringWriter();
        try (CommandMetrics m = parse("--no-metrics").open(new PrintWriter(none, true))) {
            assertThat(m.endpoint()).isEmpty();
            assertThat(none.toString()).isEmpty();
        }
    }
}
