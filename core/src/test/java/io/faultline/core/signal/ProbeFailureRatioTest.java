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
        assertThat(ratio.impaired(r)).isTrue();
        assertThat(ratio.down(r)).as("one failing round: degraded, not yet down").isFalse();
        round(T0.toEpochMilli() + MIN + 30_000, 6, 6);
        r = ratio.ratio(T0.toEpochMilli() + MIN + 40_000);
        assertThat(ratio.down(r)).isTrue();
        round(T0.toEpochMilli() + 2 * MIN, 3, 6);
        r = ratio.ratio(T0.toEpochMilli() + 2 * MIN + 10_000);
        assertThat(ratio.impaired(r)).isTrue();
        assertThat(ratio.down(r)).isFalse();
        round(T0.toEpochMilli() + 3 * MIN, 0, 6);
        assertThat(ratio.impaired(ratio.ratio(T0.toEpochMilli() + 3 * MIN + 10_000))).isFalse();
    }

    @Test
    void aTargetFailingAboutHalfItsProbesStaysDegradedRatherThanFlappingDown() {
        // alternate rounds in which five of six vantages fail: the latest results alone read DOWN
        // every other round; no vantage fails twice in a row, so this is a partial outage
        round(T0.toEpochMilli() - MIN, 0, 6); // healthy before
        for (int m = 0; m < 20; m++) {
            long t = T0.toEpochMilli() + m * MIN;
            for (int v = 0; v < 6; v++) {
                boolean fails = m % 2 == 0 ? v < 5 : v == 5;
                ratio.observe("replay-v" + v, t + v * 1000, !fails);
            }
            ProbeFailureRatio.Ratio r = ratio.ratio(t + 10_000);
            assertThat(ratio.down(r)).as("round " + m).isFalse();
            assertThat(ratio.impaired(r)).as("round " + m).isEqualTo(m % 2 == 0);
        }
    }

    @Test
    void randomHalfFailuresReadDownInFarFewerSnapshotsThanNinetyPercentFailures() {
        java.util.Random random = new java.util.Random(20211207);
        ProbeFailureRatio half = new ProbeFailureRatio(ProbeFailureRatio.Params.defaults());
        ProbeFailureRatio ninety = new ProbeFailureRatio(ProbeFailureRatio.Params.defaults());
        int halfDown = 0;
        int ninetyDown = 0;
        int snapshots = 0;
        for (int m = 0; m < 600; m++) {
            for (int v = 0; v < 6; v++) {
                long t = T0.toEpochMilli() + m * MIN + v * 1000;
                half.observe("v" + v, t, random.nextDouble() >= 0.5);
                ninety.observe("v" + v, t, random.nextDouble() >= 0.9);
                snapshots++;
                halfDown += half.down(half.ratio(t)) ? 1 : 0;
                ninetyDown += ninety.down(ninety.ratio(t)) ? 1 : 0;
            }
        }
        // expected shares: about 0.5 % (6 x 0.25^5 x 0.75 + 0.25^6) and about 68 %
        assertThat((double) halfDown / snapshots).isLessThan(0.02);
        assertThat((double) ninetyDown / snapshots).isGreaterThan(0.5);
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
