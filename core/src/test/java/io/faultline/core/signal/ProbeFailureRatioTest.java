package io.faultline.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProbeFailureRatioTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:30:00Z");
    static final long MIN = Duration.ofMinutes(1).toMillis();
    final ProbeFailureRatio ratio = new ProbeFailureRatio(ProbeFailureRatio.Params.defaults());

    void round(long t, int failing, int total) {
        for (int v = 0; v < total; v++) {
            ratio.observe("replay-v" + v, t + v * 1000, v >= failing);
        }
    }

    @Test
    void quietSeriesOfSuccessesIsNotImpaired() {
        for (int m = 0; m < 30; m++) {
            round(T0.toEpochMilli() + m * MIN, 0, 6);
        }
        ProbeFailureRatio.Ratio r = ratio.ratio(T0.toEpochMilli() + 30 * MIN);
        assertThat(r.reporting()).isEqualTo(6);
        assertThat(ratio.impaired(r)).isFalse();
    }

    @Test
    void noisySeriesWithOneOrTwoFlakyVantagesIsNotImpaired() {
        for (int m = 0; m < 30; m++) {
            round(T0.toEpochMilli() + m * MIN, m % 3 == 0 ? 2 : 1, 6);
            assertThat(ratio.impaired(ratio.ratio(T0.toEpochMilli() + m * MIN + 10_000))).isFalse();
        }
    }

    @Test
    void outageShapedSeriesIsDownWhileAllVantagesFailAndClearsOnSuccess() {
        round(T0.toEpochMilli(), 0, 6);
        round(T0.toEpochMilli() + MIN, 6, 6);
        ProbeFailureRatio.Ratio r = ratio.ratio(T0.toEpochMilli() + MIN + 10_000);
        assertThat(ratio.down(r)).isTrue();
        round(T0.toEpochMilli() + 2 * MIN, 3, 6);
        r = ratio.ratio(T0.toEpochMilli() + 2 * MIN + 10_000);
        assertThat(ratio.impaired(r)).isTrue();
        assertThat(ratio.down(r)).isFalse();
        round(T0.toEpochMilli() + 3 * MIN, 0, 6);
        assertThat(ratio.impaired(ratio.ratio(T0.toEpochMilli() + 3 * MIN + 10_000))).isFalse();
    }

    @Test
    void fewerThanTheMinimumOfVantagesIsNeverAnImpairment() {
        ratio.observe("a", T0.toEpochMilli(), false);
        ratio.observe("b", T0.toEpochMilli(), false);
        ProbeFailureRatio.Ratio r = ratio.ratio(T0.toEpochMilli());
        assertThat(r.share()).isEqualTo(1.0);
        assertThat(ratio.impaired(r)).isFalse();
    }

    @Test
    void anOlderResultDoesNotOverrideANewerOneAndOldResultsAgeOut() {
        ratio.observe("a", T0.toEpochMilli() + MIN, true);
        ratio.observe("a", T0.toEpochMilli(), false);
        assertThat(ratio.ratio(T0.toEpochMilli() + MIN).failing()).isZero();
        assertThat(ratio.ratio(T0.toEpochMilli() + 10 * MIN).reporting()).isZero();
    }
}
