package io.faultline.bench.core;

import java.lang.management.ManagementFactory;

/**
 * What the core benchmarks' plain {@code main} methods share: their {@code --name value} arguments
 * (underscores allowed as in Java literals, e.g. 100_000) and the heap they report after a GC.
 */
final class MainArgs {

    private MainArgs() {
    }

    /** The value after {@code name} in {@code args}, or {@code fallback} when it is not there. */
    static long argument(String[] args, String name, long fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Long.parseLong(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }

    /** Heap in use after a few full GCs: what the benchmark's data keeps alive. */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
