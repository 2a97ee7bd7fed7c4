package io.faultline.core.correlation;

import java.util.Arrays;

/**
 * Correction for testing many components in one tick. Both variants produce one p-value cutoff
 * per tick, which the engine turns into a score threshold (in bans, -log10 of the cutoff).
 *
 * <p>m is the number of components that could ever be suspected (at least minImpaired dependents),
 * not the number that happen to reach minImpaired in this tick: choosing the tests by looking at
 * the data would make the correction meaningless (with 4,000 small networks, some network has
 * three impaired customers by chance most of the time). Components below minImpaired this tick are
 * counted with p-value 1: they cannot be suspected anyway.
 */
public enum MultipleTesting {
    /** Family-wise: cutoff alpha / m. Conservative. */
    BONFERRONI,
    /** False discovery rate (step-up): cutoff alpha * R / m for the largest R with p(R) <= alpha * R / m. */
    BENJAMINI_HOCHBERG;

    /**
     * @param logPValues natural logs of the p-values computed this tick (not modified)
     * @param m          number of hypotheses in the family (at least logPValues.length)
     * @return natural log of the p-value cutoff
     */
    public double logCutoff(double[] logPValues, int m, double alpha) {
        if (m < logPValues.length) {
            throw new IllegalArgumentException("family size m=" + m + " is smaller than the " + logPValues.length + " p-values given");
        }
        if (m == 0) {
            return Math.log(alpha);
        }
        double bonferroni = Math.log(alpha / m);
        if (this == BONFERRONI) {
            return bonferroni;
        }
        double[] sorted = logPValues.clone();
        Arrays.sort(sorted);
        for (int rank = sorted.length; rank >= 1; rank--) {
            double cutoff = Math.log(alpha * rank / m);
            if (sorted[rank - 1] <= cutoff) {
                return cutoff;
            }
        }
        return bonferroni;
    }
}
