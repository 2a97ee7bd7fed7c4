package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;

/**
 * Per-component counts of impaired dependents, k(C) and its surprise-weighted sum, in arrays
 * indexed by entity id. One extra slot after the catalog entities is the virtual root that every
 * service sits under: it tests "many unrelated services at once" for the unknown-cause path.
 *
 * <p>Weights are fixed point ({@link #WEIGHT_ONE} = 1.0) so adding and removing a dependent is
 * exact and the sums do not depend on the order services were added in.
 */
final class ComponentCounts {

    static final int WEIGHT_ONE = 1024;

    private final DependencyGraph graph;
    final int root;
    final int[] impaired;
    final long[] weighted;
    /** Components with at least one impaired dependent: the only ones a tick looks at. */
    final IntList active = new IntList(256);
    private final int[] activePosition;

    ComponentCounts(DependencyGraph graph) {
        this.graph = graph;
        this.root = graph.size();
        this.impaired = new int[root + 1];
        this.weighted = new long[root + 1];
        this.activePosition = new int[root + 1];
    }

    /** Counts the service toward every ancestor whose region gate lets {@code region} through. */
    void add(int service, int region, int weight) {
        int end = graph.ancestorEnd(service);
        for (int i = graph.ancestorStart(service); i < end; i++) {
            int component = graph.ancestorAt(i);
            if (DependencyGraph.regionAllows(graph.regionOf(component), region)) {
                increment(component, weight);
            }
        }
        increment(root, weight);
    }

    /** Exact inverse of {@link #add}: callers pass the region and weight they added with. */
    void remove(int service, int region, int weight) {
        int end = graph.ancestorEnd(service);
        for (int i = graph.ancestorStart(service); i < end; i++) {
            int component = graph.ancestorAt(i);
            if (DependencyGraph.regionAllows(graph.regionOf(component), region)) {
                decrement(component, weight);
            }
        }
        decrement(root, weight);
    }

    /** n(C); the root's is the number of services. */
    int dependents(int component) {
        return component == root ? graph.serviceCount() : graph.dependentCount(component);
    }

    double weightedCount(int component) {
        return (double) weighted[component] / WEIGHT_ONE;
    }

    private void increment(int component, int weight) {
        if (impaired[component]++ == 0) {
            activePosition[component] = active.size();
            active.add(component);
        }
        weighted[component] += weight;
    }

    private void decrement(int component, int weight) {
        weighted[component] -= weight;
        if (--impaired[component] == 0) {
            int at = activePosition[component];
            int last = active.removeLast();
            if (last != component) {
                active.set(at, last);
                activePosition[last] = at;
            }
        }
    }
}
