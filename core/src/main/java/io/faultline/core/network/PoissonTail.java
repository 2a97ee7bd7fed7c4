package io.faultline.core.network;

/** Upper tail of the Poisson distribution in log10, exact by summation (bursts are tens to thousands of probes). */
final class PoissonTail {

    private static final double LN10 = Math.log(10);

    private PoissonTail() {
    }

    /** log10 P(X >= k) for X ~ Poisson(mean). */
    static double log10Upper(int k, double mean) {
        if (k <= 0) {
            return 0;
        }
        // log of the first term, then the ratio of successive terms mean / i, summed until negligible
        double logTerm = -mean + k * Math.log(mean) - logFactorial(k);
        double sum = 1;
        double ratio = 1;
        for (int i = k + 1; i < k + 10_000; i++) {
            ratio *= mean / i;
            sum += ratio;
            if (ratio < 1e-17 * sum) {
                break;
            }
        }
        return Math.min(0, (logTerm + Math.log(sum)) / LN10);
    }

    private static double logFactorial(int n) {
        if (n < 20) {
            double f = 0;
            for (int i = 2; i <= n; i++) {
                f += Math.log(i);
            }
            return f;
        }
        // Stirling with the first correction terms: exact to ~1e-10 from 20 on
        return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1.0 / (12.0 * n) - 1.0 / (360.0 * n * n * n);
    }
}
