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

    /** Reporting and failing vantages in the window. */
    public record Ratio(int reporting, int failing, long lastFailureMillis) {
        public double share() {
            return reporting == 0 ? 0.0 : (double) failing / reporting;
        }
    }

    private final Params p;
    private String[] vantages = new String[4];
    private long[] times = new long[4];
    private boolean[] ok = new boolean[4];
    private int size;

    public ProbeFailureRatio(Params params) {
        this.p = params;
    }

    /** Records one result; an older result than the vantage's latest is ignored (out of order). */
    public void observe(String vantage, long timeMillis, boolean success) {
        for (int i = 0; i < size; i++) {
            if (vantages[i].equals(vantage)) {
                if (timeMillis >= times[i]) {
                    times[i] = timeMillis;
                    ok[i] = success;
                }
                return;
            }
        }
        if (size == vantages.length) {
            vantages = Arrays.copyOf(vantages, size * 2);
            times = Arrays.copyOf(times, size * 2);
            ok = Arrays.copyOf(ok, size * 2);
        }
        vantages[size] = vantage;
        times[size] = timeMillis;
        ok[size] = success;
        size++;
    }

    /** The ratio at {@code nowMillis}: latest results no older than the window. */
    public Ratio ratio(long nowMillis) {
        prune(nowMillis - 4 * p.windowMillis());
        int reporting = 0;
        int failing = 0;
        long lastFailure = Long.MIN_VALUE;
        long from = nowMillis - p.windowMillis();
        for (int i = 0; i < size; i++) {
            if (times[i] > from) {
                reporting++;
                if (!ok[i]) {
                    failing++;
                    lastFailure = Math.max(lastFailure, times[i]);
                }
            }
        }
        return new Ratio(reporting, failing, lastFailure);
    }

    /** Whether the ratio counts as an impairment at all. */
    public boolean impaired(Ratio r) {
        return r.failing() >= p.minFailingVantages() && r.share() >= p.degradedRatio();
    }

    public boolean down(Ratio r) {
        return impaired(r) && r.share() >= p.downRatio();
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
        }
    }

    public static ProbeFailureRatio read(Params params, DataInput in) throws IOException {
        ProbeFailureRatio r = new ProbeFailureRatio(params);
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            r.observe(in.readUTF(), in.readLong(), in.readBoolean());
        }
        return r;
    }
}
