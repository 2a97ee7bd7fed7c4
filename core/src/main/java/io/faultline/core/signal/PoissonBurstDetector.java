package io.faultline.core.signal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Burst detector for counts of events per entity (social posts naming a service, probe
 * disconnections in one ASN): the count in a sliding window of {@code windowBuckets} one-bucket
 * steps is compared with the Poisson tail of the entity's learnt rate.
 *
 * <p>Why Poisson against a learnt rate (the Kleinberg / Disco idea) rather than a time-of-day
 * baseline (the Downdetector idea): a time-of-day profile needs weeks of history per service
 * before it says anything, and most catalog services are quiet (a handful of posts a day) so
 * their per-hour profile would be noise. A Poisson tail with a rate floor handles both ends:
 * for a quiet service the floor makes a few posts unremarkable but a dozen in minutes
 * significant; for a noisy one the learnt rate absorbs the usual chatter and only a jump far
 * outside its spread counts. Limits: the daily cycle of noisy services is absorbed only
 * through the slow EWMA (a burst threshold a little high at the daily peak, a little low at
 * night); the rate is frozen while a burst lasts, so an outage is not learnt as normal.
 *
 * <p>Cost per observation is O(1) without allocation: the threshold is recomputed only when a
 * bucket closes (once a minute per entity), not per event.
 *
 * <p>Warm-up: the first {@code warmupBuckets} buckets after the first event learn the rate
 * quickly and report a burst only at {@link #WARMUP_FACTOR} times the threshold, so a noisy
 * service seen for the first time is not reported for its ordinary traffic.
 */
public final class PoissonBurstDetector {

    static final int WARMUP_FACTOR = 3;
    private static final double WARMUP_ALPHA = 0.3;
    private static final double NORMAL_Z_1E4 = 3.719;
    private static final int EXACT_LIMIT = 200;
    private static final double MIN_RELATIVE_JUMP = 1.5;

    /** Parameters shared by all detectors of one source. */
    public record Params(long bucketMillis, int windowBuckets, double tailProbability, int minCount,
                         double floorRatePerBucket, double learningRate, int warmupBuckets) {
        public Params {
            if (bucketMillis <= 0 || windowBuckets <= 0 || windowBuckets > 64) {
                throw new IllegalArgumentException("bucket must be > 0 and window 1..64 buckets");
            }
            if (!(tailProbability > 0 && tailProbability < 0.5)) {
                throw new IllegalArgumentException("tail probability must be in (0, 0.5), was " + tailProbability);
            }
        }

        /** Social posts: 1-minute buckets, 5-minute window, p < 1e-4, at least 5 posts. */
        public static Params social() {
            return new Params(60_000, 5, 1e-4, 5, 0.2, 1.0 / 60, 10);
        }

        /** Probe disconnections per network: at least 3 probes in 5 minutes above the rate. */
        public static Params connections() {
            return new Params(60_000, 5, 1e-4, 3, 0.05, 1.0 / 120, 0);
        }
    }

    private final Params p;
    private final int[] ring;
    private long bucket = Long.MIN_VALUE;
    private long firstBucket = Long.MIN_VALUE;
    private double rate;
    private int threshold;
    private int windowCount;

    public PoissonBurstDetector(Params params) {
        this.p = params;
        this.ring = new int[params.windowBuckets()];
        this.rate = params.floorRatePerBucket();
        this.threshold = thresholdFor(expectedInWindow());
    }

    /** Counts one event at {@code timeMillis}; returns false if it is older than the window (not counted). */
    public boolean observe(long timeMillis) {
        long b = Math.floorDiv(timeMillis, p.bucketMillis());
        moveTo(b);
        if (b <= bucket - ring.length) {
            return false;
        }
        ring[(int) Math.floorMod(b, (long) ring.length)]++;
        windowCount++;
        return true;
    }

    /** Moves the window to {@code timeMillis} (closing buckets, learning the rate); starts the clock if not started. */
    public void advanceTo(long timeMillis) {
        moveTo(Math.floorDiv(timeMillis, p.bucketMillis()));
    }

    /** Starts the clock at bucket {@code b}, or rolls the window forward to it; an earlier bucket changes nothing. */
    private void moveTo(long b) {
        if (bucket == Long.MIN_VALUE) {
            // the clock starts at the first event or advance: a host that advances the detector before
            // any event has been running (and warming up) since, so later events are judged, not learnt
            bucket = b;
            firstBucket = b;
        } else if (b > bucket) {
            roll(b);
        }
    }

    private void roll(long to) {
        long steps = to - bucket;
        // close buckets one by one while they can hold counts; the rest of a long gap is empty
        long exact = Math.min(steps, ring.length);
        for (long i = 1; i <= exact; i++) {
            long closing = bucket + i - 1;
            int idx = (int) Math.floorMod(closing, (long) ring.length);
            learn(ring[idx], closing);
            long opening = bucket + i;
            int oidx = (int) Math.floorMod(opening, (long) ring.length);
            windowCount -= ring[oidx];
            ring[oidx] = 0;
        }
        long emptyRest = steps - exact;
        if (emptyRest > 0) {
            rate = Math.max(p.floorRatePerBucket(), rate * Math.pow(1 - p.learningRate(), Math.min(emptyRest, 100_000)));
        }
        bucket = to;
        threshold = thresholdFor(expectedInWindow());
    }

    private void learn(int count, long closingBucket) {
        boolean warm = closingBucket - firstBucket >= p.warmupBuckets();
        if (!warm) {
            rate = Math.max(p.floorRatePerBucket(), rate + WARMUP_ALPHA * (count - rate));
        } else if (windowCount < threshold) {
            // frozen while bursting: an outage must not become the new normal
            rate = Math.max(p.floorRatePerBucket(), rate + p.learningRate() * (count - rate));
        }
    }

    private double expectedInWindow() {
        return rate * ring.length;
    }

    /** Events counted in the current window. */
    public int count() {
        return windowCount;
    }

    /** Smallest count whose Poisson tail under the learnt rate is below the tail probability. */
    public int threshold() {
        int t = Math.max(threshold, p.minCount());
        return inWarmup() ? t * WARMUP_FACTOR : t;
    }

    public boolean inWarmup() {
        return bucket != Long.MIN_VALUE && bucket - firstBucket < p.warmupBuckets();
    }

    /** How far above the threshold the window is: 0 when not bursting, else count / threshold (≥ 1). */
    public double burstRatio() {
        if (bucket == Long.MIN_VALUE || bucket == firstBucket) {
            return 0.0; // a rate needs one closed bucket before anything can be judged against it
        }
        int t = threshold();
        return windowCount >= t ? (double) windowCount / t : 0.0;
    }

    /** Learnt events per bucket. */
    public double rate() {
        return rate;
    }

    int thresholdFor(double mu) {
        // real post counts are over-dispersed (bursty even when nothing is wrong), so on a busy
        // service a Poisson tail alone is too eager: also require a relative jump
        return Math.max(poissonTail(mu), (int) Math.ceil(MIN_RELATIVE_JUMP * mu));
    }

    private int poissonTail(double mu) {
        if (mu > EXACT_LIMIT) {
            // normal approximation; z for 1e-4 exactly, otherwise the (slightly high) Chernoff-style bound
            double z = p.tailProbability() == 1e-4 ? NORMAL_Z_1E4 : Math.sqrt(2 * Math.log(1 / p.tailProbability()));
            return (int) Math.ceil(mu + z * Math.sqrt(mu));
        }
        // P(X >= k) = 1 - sum_{i<k} pmf(i); walk k up until the tail drops below the target
        double pmf = Math.exp(-mu);
        double cdf = 0;
        int k = 0;
        while (1 - cdf >= p.tailProbability() && k < 10_000) {
            cdf += pmf;
            k++;
            pmf = pmf * mu / k;
        }
        return k;
    }

    public void write(DataOutput out) throws IOException {
        out.writeLong(bucket);
        out.writeLong(firstBucket);
        out.writeDouble(rate);
        out.writeInt(windowCount);
        for (int c : ring) {
            out.writeInt(c);
        }
    }

    public static PoissonBurstDetector read(Params params, DataInput in) throws IOException {
        PoissonBurstDetector d = new PoissonBurstDetector(params);
        d.bucket = in.readLong();
        d.firstBucket = in.readLong();
        d.rate = in.readDouble();
        d.windowCount = in.readInt();
        for (int i = 0; i < d.ring.length; i++) {
            d.ring[i] = in.readInt();
        }
        d.threshold = d.thresholdFor(d.expectedInWindow());
        return d;
    }
}
