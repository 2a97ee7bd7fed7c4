package io.faultline.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class ConfidenceModelTest {

    private final ConfidenceModel model = ConfidenceModel.of(CorrelationConfig.defaults());

    @Test
    void halfAtTheThresholdAndTenfoldOddsPerTwoBansAbove() {
        assertThat(model.confidence(5.0, 5.0, new double[0])).isCloseTo(0.5, within(1e-12));
        assertThat(model.confidence(7.0, 5.0, new double[0])).isCloseTo(10.0 / 11, within(1e-12));
    }

    @Test
    void anEquallyGoodAlternativeHalvesTheShare() {
        assertThat(model.share(8.0, new double[] {8.0})).isCloseTo(0.5, within(1e-12));
        assertThat(model.share(8.0, new double[] {2.0})).isGreaterThan(0.99);
    }

    @Test
    void overwhelmingScoresDoNotOverflow() {
        assertThat(model.confidence(60_000, 6, new double[] {30_000})).isEqualTo(1.0);
        assertThat(model.confidence(6, 6, new double[] {60_000})).isZero();
    }

    @Property(tries = 200)
    void increasesWithItsScoreAndDecreasesWithAlternatives(@ForAll @DoubleRange(min = 0, max = 40) double score,
                                                          @ForAll @DoubleRange(min = 0, max = 40) double alternative,
                                                          @ForAll @DoubleRange(min = 0.01, max = 5) double step) {
        double[] alternatives = {alternative};
        double here = model.confidence(score, 4.0, alternatives);
        assertThat(here).isBetween(0.0, 1.0);
        assertThat(model.confidence(score + step, 4.0, alternatives)).isGreaterThanOrEqualTo(here);
        assertThat(model.confidence(score, 4.0, new double[] {alternative + step})).isLessThanOrEqualTo(here);
    }
}
