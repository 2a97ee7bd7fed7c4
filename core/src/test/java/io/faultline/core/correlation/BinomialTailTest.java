package io.faultline.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinomialTailTest {

    private static final MathContext PRECISION = new MathContext(60);

    @Test
    void matchesExactRationalSummationForSmallN() {
        double[] probabilities = {1e-6, 0.001, 1.0 / 201, 0.05, 0.3, 0.5, 0.9, 0.999};
        for (int n = 1; n <= 60; n += 7) {
            for (double p : probabilities) {
                for (int k = 0; k <= n; k++) {
                    BigDecimal exact = exactTail(k, n, p);
                    double actual = BinomialTail.upperTail(k, n, p);
                    if (exact.compareTo(new BigDecimal("1e-300")) > 0) {
                        assertThat(actual).as("P(K >= %d | %d, %s)", k, n, p)
                                .isCloseTo(exact.doubleValue(), within(exact.doubleValue() * 1e-11 + 1e-300));
                    }
                }
            }
        }
    }

    /** Reference values from 50-digit arithmetic (mpmath), including n = 10^6. */
    @ParameterizedTest
    @CsvSource({
            "3, 10, 0.1, -2.6565376545521715009",
            "5, 20, 0.3, -0.27116297235929986976",
            "3, 7, 0.004975124378109453, -12.369514337066160452",
            "4, 21, 0.004975124378109453, -12.583913841471277605",
            "10, 50, 0.005, -30.112555044065127988",
            "950, 1000000, 0.001, -0.055638233937027802753",
            "1000, 1000000, 0.001, -0.68475934666666612789",
            "1200, 1000000, 0.001, -21.502049644022068552",
            "50, 1000000, 0.000001, -149.45914850487171802",
            "5100, 1000000, 0.005, -2.5318966570758089471",
            "500000, 1000000, 0.5, -0.69234961433912560916",
            "501000, 1000000, 0.5, -3.7808127449926756108",
            "100000, 1000000, 0.005, -209266.62734614177861",
    })
    void matchesHighPrecisionReferenceInLogSpace(int k, int n, double p, double expectedLog) {
        double actual = BinomialTail.logUpperTail(k, n, p);
        assertThat(actual).isCloseTo(expectedLog, within(Math.abs(expectedLog) * 1e-9 + 1e-12));
    }

    @Test
    void knownValueInLinearSpace() {
        // 1 - (0.9^10 + 10 * 0.1 * 0.9^9 + 45 * 0.01 * 0.9^8)
        assertThat(BinomialTail.upperTail(3, 10, 0.1)).isCloseTo(0.0701908264, within(1e-10));
    }

    @Test
    void edgeCases() {
        assertThat(BinomialTail.logUpperTail(0, 5, 0.2)).isZero();
        assertThat(BinomialTail.logUpperTail(6, 5, 0.2)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(BinomialTail.logUpperTail(1, 5, 0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(BinomialTail.logUpperTail(5, 5, 1.0)).isZero();
        assertThat(BinomialTail.upperTail(5, 5, 0.5)).isCloseTo(1.0 / 32, within(1e-15));
        assertThatThrownBy(() -> BinomialTail.logUpperTail(1, 5, 1.5)).hasMessageContaining("p must be in [0, 1]");
        assertThatThrownBy(() -> BinomialTail.logUpperTail(1, -1, 0.5)).hasMessageContaining("n must not be negative");
    }

    @Test
    void weightedCountInterpolatesBetweenIntegers() {
        double at3 = BinomialTail.logUpperTail(3, 20, 0.01);
        double at4 = BinomialTail.logUpperTail(4, 20, 0.01);
        assertThat(BinomialTail.logUpperTail(3.0, 20, 0.01)).isEqualTo(at3);
        assertThat(BinomialTail.logUpperTail(3.25, 20, 0.01)).isCloseTo(0.75 * at3 + 0.25 * at4, within(1e-12));
        assertThat(BinomialTail.logUpperTail(0.0, 20, 0.01)).isZero();
    }

    @Test
    void bansAreMinusLog10() {
        assertThat(BinomialTail.bans(Math.log(1e-6))).isCloseTo(6.0, within(1e-12));
    }

    @Property(tries = 300)
    void tailDecreasesInKAndIncreasesInP(@ForAll @IntRange(min = 1, max = 2_000) int n,
                                         @ForAll @DoubleRange(min = -6, max = -0.01) double log10p,
                                         @ForAll @IntRange(min = 0, max = 2_000) int kSeed) {
        double p = Math.pow(10, log10p);
        int k = kSeed % (n + 1);
        double here = BinomialTail.logUpperTail(k, n, p);
        assertThat(here).isLessThanOrEqualTo(0.0);
        assertThat(BinomialTail.logUpperTail(k + 1, n, p)).isLessThanOrEqualTo(here);
        assertThat(BinomialTail.logUpperTail(k, n, Math.min(1.0, p * 1.1))).isGreaterThanOrEqualTo(here - 1e-12);
    }

    @Property(tries = 200)
    void upperAndLowerTailsAddUpToOne(@ForAll @IntRange(min = 1, max = 500) int n,
                                      @ForAll @DoubleRange(min = 0.01, max = 0.99) double p,
                                      @ForAll @IntRange(min = 1, max = 500) int kSeed) {
        int k = 1 + kSeed % n;
        double lower = 0;
        for (int j = 0; j < k; j++) {
            lower += Math.exp(BinomialTail.logPmf(j, n, p));
        }
        assertThat(BinomialTail.upperTail(k, n, p) + lower).isCloseTo(1.0, within(1e-9));
    }

    private static BigDecimal exactTail(int k, int n, double probability) {
        BigDecimal p = new BigDecimal(probability);
        BigDecimal q = BigDecimal.ONE.subtract(p);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal choose = BigDecimal.ONE;
        for (int j = 0; j <= n; j++) {
            if (j > 0) {
                choose = choose.multiply(BigDecimal.valueOf(n - j + 1)).divide(BigDecimal.valueOf(j), PRECISION);
            }
            if (j >= k) {
                sum = sum.add(choose.multiply(p.pow(j, PRECISION)).multiply(q.pow(n - j, PRECISION)), PRECISION);
            }
        }
        return sum;
    }
}
