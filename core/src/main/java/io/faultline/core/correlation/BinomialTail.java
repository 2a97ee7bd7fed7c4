package io.faultline.core.correlation;

/**
 * Binomial upper tail P(K &gt;= k | n, p), computed in log space so that tails far below
 * {@code Double.MIN_VALUE} (10^-90000 for 100,000 of 10^6 dependents) stay usable as scores.
 *
 * <p>Method: the probability mass at the starting point uses Loader's saddle-point form
 * ("Fast and accurate computation of binomial probabilities", 2000; the algorithm behind R's
 * dbinom), which keeps full relative precision for n up to 10^6 and beyond where differences of
 * log-factorials would lose about seven digits. The tail is then summed from that term with the
 * term ratio, in units of the first term, walking away from the mode so the terms shrink: upward
 * when k is above the mode, otherwise the lower tail is summed downward and complemented (it is
 * then at most about one half, so the complement loses nothing). At most a few standard deviations
 * of terms are summed: a few thousand for n = 10^6.
 */
public final class BinomialTail {

    private static final double LN_2PI = Math.log(2 * Math.PI);
    private static final double LN_10 = Math.log(10);
    private static final double RELATIVE_EPSILON = 1e-17;

    /** log(n!) - log(sqrt(2 pi n) (n/e)^n) for n = 0..15 (index 0 unused), from 40-digit arithmetic. */
    private static final double[] STIRLING_ERROR = {
            0.0,
            0.08106146679532725822, 0.041340695955409294094, 0.027677925684998339149,
            0.020790672103765093112, 0.016644691189821192163, 0.013876128823070747999,
            0.011896709945891770095, 0.010411265261972096497, 0.0092554621827127329177,
            0.0083305634333628712565, 0.007573675487951840795, 0.0069428401072095298657,
            0.0064089941880042070684, 0.0059513701127588477356, 0.005554733551962801371,
    };
    private static final double S0 = 1.0 / 12;
    private static final double S1 = 1.0 / 360;
    private static final double S2 = 1.0 / 1260;
    private static final double S3 = 1.0 / 1680;
    private static final double S4 = 1.0 / 1188;

    private BinomialTail() {
    }

    /** P(K &gt;= k | n, p). Underflows to 0 below about 10^-308; use {@link #logUpperTail} for scores. */
    public static double upperTail(int k, int n, double p) {
        return Math.exp(logUpperTail(k, n, p));
    }

    /** Natural log of P(K &gt;= k | n, p); 0 for k &lt;= 0, negative infinity for k &gt; n. */
    public static double logUpperTail(int k, int n, double p) {
        checkArguments(n, p);
        if (k <= 0 || p >= 1.0) {
            return k > n ? Double.NEGATIVE_INFINITY : 0.0;
        }
        if (k > n || p <= 0.0) {
            return Double.NEGATIVE_INFINITY;
        }
        double q = 1.0 - p;
        long mode = (long) Math.floor((n + 1.0) * p);
        if (k > mode) {
            double odds = p / q;
            double sum = 1.0;
            double term = 1.0;
            for (int j = k; j < n; j++) {
                term *= (double) (n - j) / (j + 1) * odds;
                sum += term;
                if (term < sum * RELATIVE_EPSILON) {
                    break;
                }
            }
            return logPmf(k, n, p) + Math.log(sum);
        }
        double inverseOdds = q / p;
        double sum = 1.0;
        double term = 1.0;
        for (int j = k - 1; j > 0; j--) {
            term *= (double) j / (n - j + 1) * inverseOdds;
            sum += term;
            if (term < sum * RELATIVE_EPSILON) {
                break;
            }
        }
        double logLower = logPmf(k - 1, n, p) + Math.log(sum);
        return Math.log1p(-Math.exp(logLower));
    }

    /**
     * Tail at a weighted (non-integer) count: log-linear interpolation between the tails at the two
     * neighbouring integers. Exact at integers, continuous, and decreasing in k, which is all the
     * surprise weighting needs.
     */
    public static double logUpperTail(double k, int n, double p) {
        if (!(k > 0)) {
            return 0.0;
        }
        int below = (int) Math.floor(k);
        double fraction = k - below;
        double atBelow = logUpperTail(below, n, p);
        if (fraction == 0.0) {
            return atBelow;
        }
        double atAbove = logUpperTail(below + 1, n, p);
        if (atAbove == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return (1 - fraction) * atBelow + fraction * atAbove;
    }

    /** Natural log of P(K = x | n, p). */
    public static double logPmf(int x, int n, double p) {
        checkArguments(n, p);
        if (x < 0 || x > n) {
            return Double.NEGATIVE_INFINITY;
        }
        double q = 1.0 - p;
        if (p == 0.0) {
            return x == 0 ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        if (q == 0.0) {
            return x == n ? 0.0 : Double.NEGATIVE_INFINITY;
        }
        if (x == 0) {
            return n == 0 ? 0.0 : (p < 0.1 ? -deviance(n, n * q) - n * p : n * Math.log(q));
        }
        if (x == n) {
            return q < 0.1 ? -deviance(n, n * p) - n * q : n * Math.log(p);
        }
        double lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x)
                - deviance(x, n * p) - deviance(n - x, n * q);
        double lf = LN_2PI + Math.log(x) + Math.log1p(-(double) x / n);
        return lc - 0.5 * lf;
    }

    /** -log10 of a probability given as a natural log: the score unit ("bans") used for evidence. */
    public static double bans(double logProbability) {
        return -logProbability / LN_10;
    }

    private static double stirlingError(int n) {
        if (n <= 15) {
            return STIRLING_ERROR[n];
        }
        double nn = (double) n * n;
        if (n > 500) {
            return (S0 - S1 / nn) / n;
        }
        if (n > 80) {
            return (S0 - (S1 - S2 / nn) / nn) / n;
        }
        if (n > 35) {
            return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
        }
        return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
    }

    /** Deviance term x log(x / np) + np - x, with a series near x = np where the direct form cancels. */
    private static double deviance(double x, double np) {
        if (Math.abs(x - np) < 0.1 * (x + np)) {
            double v = (x - np) / (x + np);
            double s = (x - np) * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                double next = s + ej / (2 * j + 1);
                if (next == s) {
                    return next;
                }
                s = next;
            }
            return s;
        }
        return x * Math.log(x / np) + np - x;
    }

    private static void checkArguments(int n, double p) {
        if (n < 0) {
            throw new IllegalArgumentException("binomial n must not be negative, was " + n);
        }
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("binomial p must be in [0, 1], was " + p);
        }
    }
}
