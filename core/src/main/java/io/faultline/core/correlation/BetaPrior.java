package io.faultline.core.correlation;

import java.io.Serializable;

/**
 * Beta(alpha, beta) prior on a base rate, in units of windows: Beta(1, 200) means "as if we had
 * seen 1 impaired window in 201", so a new component is neither trusted nor feared.
 */
public record BetaPrior(double alpha, double beta) implements Serializable {

    public BetaPrior {
        if (!(alpha > 0) || !(beta > 0)) {
            throw new IllegalArgumentException("Beta prior needs alpha > 0 and beta > 0, was (" + alpha + ", " + beta + ")");
        }
    }

    public double mean() {
        return alpha / (alpha + beta);
    }
}
