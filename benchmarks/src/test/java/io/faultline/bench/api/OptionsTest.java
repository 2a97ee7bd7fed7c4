package io.faultline.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void defaultsAndTheEarlierPositionalForm() {
        Options d = Options.parse(new String[0]);
        assertThat(d.rate()).isEqualTo(500);
        assertThat(d.seconds()).isEqualTo(20);
        assertThat(d.paths()).isEqualTo(ApiLoadBenchmark.SYNTHETIC_PATHS);
        Options p = Options.parse(new String[] {"800", "30"});
        assertThat(p.rate()).isEqualTo(800);
        assertThat(p.seconds()).isEqualTo(30);
    }

    @Test
    void clientOnlyAgainstAUrlWithItsOwnPaths() {
        Options o = Options.parse(new String[] {"--url", "http://127.0.0.1:8080/", "--connections", "8", "--path", "/api/v1/live/services",
                "--path", "/api/v1/live/incidents"});
        assertThat(o.url()).isEqualTo("http://127.0.0.1:8080");
        assertThat(o.connections()).isEqualTo(8);
        assertThat(o.paths()).containsExactly("/api/v1/live/services", "/api/v1/live/incidents");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--rate", "0"})).hasMessageStartingWith("--rate:");
        assertThatThrownBy(() -> Options.parse(new String[] {"--url", "https://x:1"})).hasMessageStartingWith("--url:");
        assertThatThrownBy(() -> Options.parse(new String[] {"--url", "http://x:1", "--serve", "9"})).hasMessageStartingWith("--url and --serve");
        assertThatThrownBy(() -> Options.parse(new String[] {"--connections", "many"})).hasMessageStartingWith("--connections:");
        assertThatThrownBy(() -> Options.parse(new String[] {"--path", "api"})).hasMessageStartingWith("--path:");
        assertThatThrownBy(() -> Options.parse(new String[] {"--rate", "100000", "--seconds", "3600"})).hasMessageContaining("5,000,000");
    }
}
