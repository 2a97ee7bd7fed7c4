package io.faultline.core.health;

import java.time.Duration;
import java.util.Objects;

import io.faultline.core.signal.PoissonBurstDetector;
import io.faultline.core.signal.ProbeFailureRatio;

/**
 * Thresholds of the per-service health machine. Each source votes a level with a confidence;
 * votes are combined as independent evidence (noisy-or). Entering a worse state is immediate
 * once its threshold is crossed; leaving needs the evidence to fall below a LOWER exit threshold
 * and stay there for {@code recoveryHold} (hysteresis, so a flapping service does not flap).
 *
 * @param enterDegraded combined impairment confidence that makes an UP service DEGRADED
 * @param enterDown     combined DOWN confidence that makes a service DOWN
 * @param exitImpaired  impairment confidence below which recovery to UP may begin
 * @param exitDown      DOWN confidence below which a DOWN service may step back to DEGRADED
 * @param recoveryHold  how long the evidence must stay below the exit threshold
 * @param statusMaxAge  a status page reports changes only; a non-operational state older than
 *                      this without an update is no longer believed (a stuck page)
 * @param tick          stream-time interval at which every machine is re-evaluated (decay)
 */
public record HealthConfig(PoissonBurstDetector.Params social, PoissonBurstDetector.Params connections,
                           ProbeFailureRatio.Params probes, double enterDegraded, double enterDown,
                           double exitImpaired, double exitDown, Duration recoveryHold, Duration statusMaxAge,
                           Duration tick) {

    public HealthConfig {
        Objects.requireNonNull(social);
        Objects.requireNonNull(connections);
        Objects.requireNonNull(probes);
        if (!(exitImpaired < enterDegraded && exitDown < enterDown)) {
            throw new IllegalArgumentException("health thresholds: exit thresholds must be below enter thresholds (hysteresis)");
        }
        if (recoveryHold.isNegative() || tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("health thresholds: recovery hold >= 0 and tick > 0 required");
        }
    }

    public static HealthConfig defaults() {
        return new HealthConfig(PoissonBurstDetector.Params.social(), PoissonBurstDetector.Params.connections(),
                ProbeFailureRatio.Params.defaults(), 0.5, 0.6, 0.3, 0.35, Duration.ofMinutes(3),
                Duration.ofHours(12), Duration.ofSeconds(30));
    }
}
