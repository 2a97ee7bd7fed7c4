package io.faultline.core.synthetic;

import io.faultline.core.correlation.HealthLevel;

/** A reusable block of health updates as primitive columns, so generating them costs no objects. */
public final class UpdateBatch {

    public final int[] entity;
    public final HealthLevel[] level;
    public final long[] time;
    public final int[] region;
    public int size;

    public UpdateBatch(int capacity) {
        entity = new int[capacity];
        level = new HealthLevel[capacity];
        time = new long[capacity];
        region = new int[capacity];
    }

    public int capacity() {
        return entity.length;
    }
}
