package io.faultline.notify.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackOffTest {

    static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");
    final BackOff backOff = new BackOff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5), 6);

    @Test
    void doubles_from_initial_up_to_max() {
        assertThat(backOff.delay(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
        assertThat(backOff.delay(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.delay(5, Optional.empty())).isEqualTo(Duration.ofSeconds(16));
        assertThat(backOff.delay(6, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
        assertThat(backOff.delay(60, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retry_after_replaces_the_computed_wait_capped() {
        assertThat(backOff.delay(1, Optional.of(Duration.ofSeconds(45)))).isEqualTo(Duration.ofSeconds(45));
        assertThat(backOff.delay(1, Optional.of(Duration.ofHours(3)))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retry_after_is_read_as_seconds_or_an_http_date() {
        assertThat(BackOff.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(BackOff.parseRetryAfter("Mon, 05 Jan 2026 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
        assertThat(BackOff.parseRetryAfter("Mon, 05 Jan 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(BackOff.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(BackOff.parseRetryAfter(null, NOW)).isEmpty();
    }

    @Test
    void nonsense_settings_are_refused() {
        assertThatThrownBy(() -> new BackOff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 0))
                .hasMessageContaining("maxAttempts");
    }
}
