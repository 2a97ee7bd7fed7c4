package io.faultline.core.network;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the network-outage detection, validated at construction with the setting's name.
 *
 * @param burstWindow      disconnections count toward a burst while they are this recent and the probe is still out
 * @param minProbes        a burst needs at least this many distinct probes out (Disco: 5)
 * @param minWideScope     a country or all-probes scope is tested only once this many of its probes are known
 *                         (Disco and IHR monitor only units with at least 10 probes; a network is tested from
 *                         minProbes on, so a small network that loses every probe is still seen)
 * @param alpha            family-wise significance of a burst, split over the scopes known (Bonferroni)
 * @param probeRatePrior   prior disconnections per probe per minute (about one a day): a scope's base rate
 *                         never falls below its probes times this
 * @param rateFloor        floor of any scope's base rate, disconnections per minute
 * @param rateHalfLife     half-life of the learnt rate of a scope (it does not learn while the scope is out)
 * @param dominantShare    a wider scope defers to a narrower bursting scope holding this share of its probes
 * @param maxOpen          an outage whose probes have not come back after this long is expired
 * @param vantageSilence   an own-prober vantage heard of no longer for this long (or three of its usual gaps
 *                         between heartbeats, if longer) is out, provided another vantage was heard meanwhile
 */
public record NetworkConfig(Duration burstWindow, int minProbes, int minWideScope, double alpha, double probeRatePrior,
                            double rateFloor, Duration rateHalfLife, double dominantShare, Duration maxOpen,
                            Duration vantageSilence)
        implements Serializable {

    public NetworkConfig {
        require(burstWindow != null && !burstWindow.isNegative() && !burstWindow.isZero(), "burstWindow must be > 0");
        require(minProbes >= 2, "minProbes must be >= 2, was " + minProbes);
        require(minWideScope >= minProbes, "minWideScope must be >= minProbes, was " + minWideScope);
        require(alpha > 0 && alpha < 1, "alpha must be in (0, 1), was " + alpha);
        require(probeRatePrior > 0, "probeRatePrior must be > 0, was " + probeRatePrior);
        require(rateFloor > 0, "rateFloor must be > 0, was " + rateFloor);
        require(rateHalfLife != null && rateHalfLife.toMinutes() >= 1, "rateHalfLife must be at least a minute");
        require(dominantShare > 0.5 && dominantShare <= 1, "dominantShare must be in (0.5, 1], was " + dominantShare);
        require(maxOpen != null && maxOpen.compareTo(burstWindow) > 0, "maxOpen must be longer than burstWindow");
        require(vantageSilence != null && vantageSilence.toSeconds() >= 1, "vantageSilence must be at least a second");
    }

    public static NetworkConfig defaults() {
        return new NetworkConfig(Duration.ofMinutes(5), 5, 10, 0.01, 1.0 / 1440, 0.02, Duration.ofMinutes(30), 0.8,
                Duration.ofHours(24), Duration.ofMinutes(3));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("network config: " + message);
        }
    }
}
