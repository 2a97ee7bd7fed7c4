package io.faultline.core.correlation;

/**
 * Maps an attribution score (bans) to a confidence in 0..1. Documented so it can be calibrated:
 *
 * <pre>
 *   evidence = 1 / (1 + 10^(-slope * (score - threshold - midpoint)))
 *   share    = 1 / (1 + sum over alternatives a of 10^(slope * (score_a - score)))
 *   confidence = evidence * share
 * </pre>
 *
 * {@code threshold} is the tick's significance threshold in bans (after the multiple-testing
 * correction), so a cause exactly at the bar has evidence 0.5 (with midpoint 0), and each
 * 1/slope bans above it divides the odds against it by ten. {@code share} splits belief between
 * explanations of the same services (a CDN and a DNS provider used by exactly the same services
 * get about half each). The result is increasing in the cause's own score and decreasing in every
 * alternative's. slope and midpoint are the two parameters of a Platt-style calibration to be fitted
 * on the replay library.
 */
public record ConfidenceModel(double slope, double midpoint) {

    public ConfidenceModel {
        if (!(slope > 0) || !Double.isFinite(midpoint)) {
            throw new IllegalArgumentException("confidence model needs slope > 0 and a finite midpoint, was ("
                    + slope + ", " + midpoint + ")");
        }
    }

    public static ConfidenceModel of(CorrelationConfig config) {
        return new ConfidenceModel(config.confidenceSlope(), config.confidenceMidpoint());
    }

    public double evidence(double score, double threshold) {
        return 1.0 / (1.0 + Math.pow(10, -slope * (score - threshold - midpoint)));
    }

    public double share(double score, double[] alternativeScores) {
        double others = 0;
        for (double alternative : alternativeScores) {
            others += Math.pow(10, slope * (alternative - score));
        }
        return 1.0 / (1.0 + others);
    }

    public double confidence(double score, double threshold, double[] alternativeScores) {
        double value = evidence(score, threshold) * share(score, alternativeScores);
        return Double.isNaN(value) ? 0.0 : value;
    }
}
