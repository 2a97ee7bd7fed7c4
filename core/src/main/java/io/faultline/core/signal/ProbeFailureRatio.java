package io.faultline.core.signal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Probe detector: the latest result of each vantage point inside a sliding window, and the share
 * of vantages whose latest result failed. A single vantage failing says more about that vantage's
 * network than about the target, so nothing is reported below {@code minFailingVantages}.
 *
 * <p>DOWN asks more than DEGRADED: the share of vantages whose latest TWO results failed. On the
 * latest result alone, a target that fails about half its probes (a partial outage, correctly
 * DEGRADED) shows five of six vantages failing in about one snapshot in nine (7/64), so the AWS
 * 2021 replay's degraded services went DOWN and back 76–105 times each. With two results the
 * chance is about 1 in 200 (6 × 0.25^5 × 0.75 + 0.25^6), while a target failing 90 % of probes
 * still reads DOWN in about two snapshots of three, which the health machine's recovery hold
 * keeps steady. The price: a hard outage of a target probed before reads DOWN one probe round
 * later (DEGRADED as before); a vantage's first result has no history and counts alone.
 *
 * <p>Vantages are kept in small parallel arrays (a service is probed from a handful of places);
 * lookup is a linear scan, which beats hashing below a few dozen entries and allocates nothing.
 * Entries older than four windows are pruned on evaluation, so the arrays stay bounded by the
 * number of vantages that reported recently.
 */
public final class ProbeFailureRatio {

    /** Parameters. */
    public record Params(long windowMillis, int minFailingVantages, double degradedRatio, double downRatio) {
        public Params {
            if (windowMillis <= 0 || minFailingVantages < 1 || !(degradedRatio > 0 && degradedRatio <= downRatio && downRatio <= 1)) {
                throw new IllegalArgumentException("probe params: window > 0, min vantages >= 1, 0 < degraded <= down <= 1");
            }
        }

        /** 3-minute window, at least 3 failing vantages, half failing = degraded, 80 % = down. */
        public static Params defaults() {
            return new Params(180_000, 3, 0.5, 0.8);
        }
    }

    /**
     * Reporting and failing vantages in the window; {@code failingTwice} of the failing ones also
     * failed their result before.
     */
    public record Ratio(int reporting, int failing, int failingTwice, long lastFailureMillis) {
        public double share() {
            return reporting == 0 ? 0.0 : (double) failing / reporting;
        }

        /** The share of reporting vantages whose latest two results failed. */
        public double shareTwice() {
            return reporting == 0 ? 0.0 : (double) failingTwice / reporting;
        }
    }

    private final Params p;
    private String[] vantages = new String[4];
    private long[] times = new long[4];
    private boolean[] ok = new boolean[4];
    /** The result before the latest; a vantage's first result stands for both (no history: judge by what there is). */
    private boolean[] previousOk = new boolean[4];
    private int size;

    public ProbeFailureRatio(Params params) {
        this.p = params;
    }

    /** Records one result; an older result than the vantage's latest is ignored (out of order). */
    public void observe(String vantage, long timeMillis, boolean success) {
        for (int i = 0; i < size; i++) {
            if (vantages[i].equals(vantage)) {
                if (timeMillis > times[i]) {
                    previousOk[i] = ok[i];
                    times[i] = timeMillis;
                    ok[i] = success;
                } else if (timeMillis == times[i]) {
                    ok[i] = success; // the same probe time again: a correction, not a new round
                }
                return;
            }
        }
        add(vantage, timeMillis, success, success);
    }

    private void add(String vantage, long timeMillis, boolean success, boolean previous) {
        if (size == vantages.length) {
            vantages = Arrays.copyOf(vantages, size * 2);
            times = Arrays.copyOf(times, size * 2);
            ok = Arrays.copyOf(ok, size * 2);
            previousOk = Arrays.copyOf(previousOk, size * 2);
        }
        vantages[size] = vantage;
        times[size] = timeMillis;
        ok[size] = success;
        previousOk[size] = previous;
        size++;
    }

    /** The ratio at {@code nowMillis}: latest results no older than the window. */
    public Ratio ratio(long nowMillis) {
        prune(nowMillis - 4 * p.windowMillis());
        int reporting = 0;
        int failing = 0;
        int failingTwice = 0;
        long lastFailure = Long.MIN_VALUE;
        long from = nowMillis - p.windowMillis();
        for (int i = 0; i < size; i++) {
            if (times[i] > from) {
                reporting++;
                if (!ok[i]) {
                    failing++;
                    if (!previousOk[i]) {
                        failingTwice++;
                    }
                    lastFailure = Math.max(lastFailure, times[i]);
                }
            }
        }
        return new Ratio(reporting, failing, failingTwice, lastFailure);
    }

    /** Whether the ratio counts as an impairment at all. */
    public boolean impaired(Ratio r) {
        return r.failing() >= p.minFailingVantages() && r.share() >= p.degradedRatio();
    }

    public boolean down(Ratio r) {
        return impaired(r) && r.shareTwice() >= p.downRatio();
    }

    public Params params() {
        return p;
    }

    private void prune(long olderThan) {
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] > olderThan) {
                vantages[w] = vantages[i];
                times[w] = times[i];
                ok[w] = ok[i];
                previousOk[w] = previousOk[i];
                w++;
            }
        }
        for (int i = w; i < size; i++) {
            vantages[i] = null;
        }
        size = w;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeUTF(vantages[i]);
            out.writeLong(times[i]);
            out.writeBoolean(ok[i]);
            out.writeBoolean(previousOk[i]);
        }
    }

    /** Reads what {@link #write} wrote; {@code withPrevious} false reads the older layout without the result before. */
    public static ProbeFailureRatio read(Params params, DataInput in, boolean withPrevious) throws IOException {
        ProbeFailureRatio r = new ProbeFailureRatio(params);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String vantage = in.readUTF();
            long time = in.readLong();
            boolean success = in.readBoolean();
            r.add(vantage, time, success, withPrevious ? in.readBoolean() : success);
        }
        return r;
    }
}
