package io.faultline.ingestion.network;

import java.util.Arrays;

/**
 * Inclusive address ranges ({@code start..end}, 128-bit keys as two unsigned longs) with an int
 * value each, sorted by start for binary search: a lookup is O(log n) with no allocation.
 * Ranges are expected not to overlap (the ip-location-db files do not); where they do, the range
 * with the greatest start at or below the address wins.
 */
final class RangeTable {

    private long[] startHi = new long[1024];
    private long[] startLo = new long[1024];
    private long[] endHi = new long[1024];
    private long[] endLo = new long[1024];
    private int[] values = new int[1024];
    private int size;
    private boolean sorted = true;

    void add(long[] start, long[] end, int value) {
        if (compare(start[0], start[1], end[0], end[1]) > 0) {
            throw new IllegalArgumentException("range start after end");
        }
        if (size == values.length) {
            int n = size * 2;
            startHi = Arrays.copyOf(startHi, n);
            startLo = Arrays.copyOf(startLo, n);
            endHi = Arrays.copyOf(endHi, n);
            endLo = Arrays.copyOf(endLo, n);
            values = Arrays.copyOf(values, n);
        }
        if (size > 0 && compare(startHi[size - 1], startLo[size - 1], start[0], start[1]) > 0) {
            sorted = false;
        }
        startHi[size] = start[0];
        startLo[size] = start[1];
        endHi[size] = end[0];
        endLo[size] = end[1];
        values[size++] = value;
    }

    /** Sorts by start if the input was not sorted, and trims the arrays. */
    void seal() {
        if (!sorted) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> compare(startHi[a], startLo[a], startHi[b], startLo[b]));
            long[] sh = new long[size];
            long[] sl = new long[size];
            long[] eh = new long[size];
            long[] el = new long[size];
            int[] v = new int[size];
            for (int i = 0; i < size; i++) {
                int j = order[i];
                sh[i] = startHi[j];
                sl[i] = startLo[j];
                eh[i] = endHi[j];
                el[i] = endLo[j];
                v[i] = values[j];
            }
            startHi = sh;
            startLo = sl;
            endHi = eh;
            endLo = el;
            values = v;
            sorted = true;
        } else {
            startHi = Arrays.copyOf(startHi, size);
            startLo = Arrays.copyOf(startLo, size);
            endHi = Arrays.copyOf(endHi, size);
            endLo = Arrays.copyOf(endLo, size);
            values = Arrays.copyOf(values, size);
        }
    }

    /** Index of the range holding the address, or -1. */
    int find(long hi, long lo) {
        int low = 0;
        int high = size - 1;
        int candidate = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(startHi[mid], startLo[mid], hi, lo) <= 0) {
                candidate = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (candidate >= 0 && compare(hi, lo, endHi[candidate], endLo[candidate]) <= 0) {
            return candidate;
        }
        return -1;
    }

    int value(int index) {
        return values[index];
    }

    long[] start(int index) {
        return new long[] {startHi[index], startLo[index]};
    }

    int size() {
        return size;
    }

    static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
