package io.faultline.core.correlation;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** Growable list of primitive ints: the engine's scratch and index lists, without boxing. */
final class IntList {

    private int[] values;
    private int size;

    IntList() {
        this(16);
    }

    IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        return values[index];
    }

    void set(int index, int value) {
        values[index] = value;
    }

    int removeLast() {
        return values[--size];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
    }

    void sort() {
        Arrays.sort(values, 0, size);
    }

    /** Hands every value to {@code each} in ascending order (entity order), then empties the list. */
    void drainSorted(IntConsumer each) {
        sort();
        for (int i = 0; i < size; i++) {
            each.accept(values[i]);
        }
        clear();
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
