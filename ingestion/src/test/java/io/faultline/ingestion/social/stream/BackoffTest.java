package io.faultline.ingestion.social.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BackoffTest {

    static List<Duration> take(Backoff b, int n) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.next());
        }
        return out;
    }

    @Test
    void xNetworkErrorsGrowBy250MillisecondsUpTo16Seconds() {
        List<Duration> d = take(Backoff.linear(Duration.ofMillis(250), Duration.ofSeconds(16)), 70);
        assertThat(d.subList(0, 3)).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750));
        assertThat(d.get(63)).isEqualTo(Duration.ofSeconds(16));
        assertThat(d.get(69)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void xHttpErrorsDoubleFrom5SecondsUpTo320() {
        assertThat(take(Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(320)), 9)).extracting(Duration::toSeconds)
                .containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 320L, 320L);
    }

    @Test
    void resetStartsOverAndAHugeAttemptCountNeverOverflows() {
        Backoff b = Backoff.exponential(Duration.ofMinutes(1), Duration.ofMinutes(16));
        take(b, 200);
        assertThat(b.next()).isEqualTo(Duration.ofMinutes(16));
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void jitterStaysWithinHalfAndAllOfTheDelay() {
        Backoff b = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8)).withJitter(new Random(42));
        List<Duration> d = take(b, 6);
        long[] full = {1000, 2000, 4000, 8000, 8000, 8000};
        for (int i = 0; i < full.length; i++) {
            assertThat(d.get(i).toMillis()).isBetween(full[i] / 2, full[i]);
        }
        assertThat(d.subList(3, 6)).doesNotHaveDuplicates(); // random, not fixed
    }
}
