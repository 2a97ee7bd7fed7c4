package io.faultline.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CorrelationRunSettingsTest {

    private static CorrelationRunSettings parse(String flink, String checkpoint, boolean batch, String from, String to) {
        return CorrelationRunSettings.parse("localhost:9092", "http://localhost:8081", false, "faultline.", flink, 1,
                checkpoint, "PT30S", "PT1M", "3s", "PT1H", batch, from, to);
    }

    @Test
    void aValidBatchRangeIsParsed() {
        CorrelationRunSettings s = parse("local", "PT10S", true, "2021-12-07T15:00:00Z", "2021-12-07T20:00:00Z");

        assertThat(s.range().from()).isEqualTo(Instant.parse("2021-12-07T15:00:00Z"));
        assertThat(s.range().bounded()).isTrue();
        assertThat(s.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.idleInput()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.quietInput()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.topics().incidents.name()).isEqualTo("faultline.incidents");
    }

    @Test
    void aBadSettingFailsNamingItAndTheAcceptedValues() {
        assertThatThrownBy(() -> parse("flink.example", "PT10S", false, null, null))
                .hasMessage("--flink: accepted values are 'local' or host:port");
        assertThatThrownBy(() -> parse("local", "soon", false, null, null))
                .hasMessageStartingWith("--checkpoint-interval: 'soon' is not a duration (e.g. 500ms, 30s");
        assertThatThrownBy(() -> parse("local", "0s", false, null, null))
                .hasMessage("--checkpoint-interval: accepted values are a positive duration");
        assertThatThrownBy(() -> parse("local", "PT10S", true, null, null)).hasMessageStartingWith("--to:");
        assertThatThrownBy(() -> parse("local", "PT10S", false, null, "2021-12-07T20:00:00Z"))
                .hasMessageContaining("only with --batch");
        assertThatThrownBy(() -> parse("local", "PT10S", true, "2021-12-07T21:00:00Z", "2021-12-07T20:00:00Z"))
                .hasMessageStartingWith("--from:");
        assertThatThrownBy(() -> CorrelationRunSettings.parse("localhost:9092", "localhost:8081", false, "faultline.",
                "local", 1, "PT10S", "PT30S", "PT5S", "3s", "PT1H", false, null, null)).hasMessageStartingWith("--registry-url:");
        assertThatThrownBy(() -> CorrelationRunSettings.parse("localhost:9092", "http://localhost:8081", false, "faultline.",
                "local", 1, "PT10S", "PT30S", "PT0S", "3s", "PT1H", false, null, null))
                .hasMessage("--idle-input: accepted values are a positive duration");
        assertThatThrownBy(() -> CorrelationRunSettings.parse("localhost:9092", "http://localhost:8081", false, "faultline.",
                "local", 1, "PT10S", "PT30S", "PT1M", "-1s", "PT1H", false, null, null))
                .hasMessageStartingWith("--quiet-input:");
    }
}
