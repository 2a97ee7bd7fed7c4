package io.faultline.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CorrelationConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        CorrelationConfig config = CorrelationConfig.defaults();

        assertThat(config.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.tickInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.minImpaired()).isEqualTo(3);
        assertThat(config.alpha()).isEqualTo(0.001);
        assertThat(config.resolveAlpha()).isEqualTo(0.05);
        assertThat(config.correction()).isEqualTo(MultipleTesting.BENJAMINI_HOCHBERG);
        assertThat(config.maxOpen()).isEqualTo(Duration.ofHours(48));
        assertThat(config.componentPrior()).isEqualTo(new BetaPrior(1, 200));
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void invalidSettingsAreRejectedByName() {
        assertThatThrownBy(() -> CorrelationConfig.builder().alpha(1.5).build())
                .hasMessage("correlation setting 'alpha' must be in (0, 1), was 1.5");
        assertThatThrownBy(() -> CorrelationConfig.builder().minImpaired(1).build())
                .hasMessageContaining("'minImpaired' must be at least 2");
        assertThatThrownBy(() -> CorrelationConfig.builder().resolveAlpha(0.0001).build())
                .hasMessageContaining("'resolveAlpha' must be in [alpha, 1)");
        assertThatThrownBy(() -> CorrelationConfig.builder().window(Duration.ofSeconds(30)).build())
                .hasMessageContaining("'window' must be at least tickInterval");
        assertThatThrownBy(() -> new BetaPrior(0, 1)).hasMessageContaining("alpha > 0 and beta > 0");
    }
}
