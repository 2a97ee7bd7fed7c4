package io.faultline.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultipleTestingTest {

    private static double[] logs(double... pValues) {
        double[] logs = new double[pValues.length];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(pValues[i]);
        }
        return logs;
    }

    @Test
    void bonferroniDividesAlphaByTheFamilySize() {
        double cutoff = MultipleTesting.BONFERRONI.logCutoff(logs(1e-9, 0.2), 100, 0.01);
        assertThat(Math.exp(cutoff)).isCloseTo(1e-4, within(1e-12));
    }

    @Test
    void benjaminiHochbergStepsUpToTheLargestRankThatPasses() {
        // family of 10, sorted p: 0.0001, 0.0015, 0.0039, 0.004, 0.5; the largest rank r with p(r) <= 0.01 r / 10 is 4
        double cutoff = MultipleTesting.BENJAMINI_HOCHBERG.logCutoff(logs(0.004, 0.0001, 0.0015, 0.0039, 0.5), 10, 0.01);
        assertThat(Math.exp(cutoff)).isCloseTo(0.004, within(1e-12));
    }

    @Test
    void benjaminiHochbergFallsBackToBonferroniWhenNothingPasses() {
        double cutoff = MultipleTesting.BENJAMINI_HOCHBERG.logCutoff(logs(0.3, 0.2), 50, 0.01);
        assertThat(Math.exp(cutoff)).isCloseTo(0.01 / 50, within(1e-12));
    }

    @Test
    void untestedComponentsStillCountInTheFamily() {
        double oneTestedOfThousand = MultipleTesting.BENJAMINI_HOCHBERG.logCutoff(logs(1e-5), 1_000, 0.001);
        assertThat(Math.exp(oneTestedOfThousand)).isCloseTo(1e-6, within(1e-15));
        assertThatThrownBy(() -> MultipleTesting.BONFERRONI.logCutoff(logs(0.1, 0.2), 1, 0.01))
                .hasMessageContaining("family size m=1 is smaller than the 2 p-values");
    }
}
