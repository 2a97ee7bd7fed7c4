package io.faultline.ingestion.statuspage.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class PollerConfigTest {

    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void badSettingsFailNamingTheSettingAndTheAcceptedValues() {
        PollerConfig d = PollerConfig.defaults();
        assertThatThrownBy(() -> d.withInterval(Duration.ofMillis(10))).hasMessageStartingWith("--interval")
                .hasMessageContaining("at least");
        assertThatThrownBy(() -> d.withPerHostConcurrency(0)).hasMessageStartingWith("--per-host-concurrency")
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> d.withMaxBodyBytes(10)).hasMessageStartingWith("--max-body-bytes");
        assertThatThrownBy(() -> d.withJitter(0.9)).hasMessageStartingWith("--jitter");
        assertThatThrownBy(() -> d.withTimeouts(Duration.ZERO, Duration.ofSeconds(1))).hasMessageStartingWith("--connect-timeout");
        assertThatThrownBy(() -> d.withMaxBackoff(Duration.ofSeconds(-1))).hasMessageStartingWith("--max-backoff");
    }

    @Test
    void defaultsRefusePrivateAddresses() {
        assertThat(PollerConfig.defaults().allowPrivateAddresses()).isFalse();
    }

    @Test
    void retryAfterReadsSecondsDatesAndIgnoresGarbage() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.plusSeconds(120).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(T0.minusSeconds(120).atOffset(ZoneOffset.UTC));
        assertThat(RetryAfter.parse("30", T0)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse(inTwoMinutes, T0)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(past, T0)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", T0)).isEmpty();
        assertThat(RetryAfter.parse(null, T0)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", T0)).get().satisfies(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
    }
}
