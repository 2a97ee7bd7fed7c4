package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;

/**
 * Per-component counts of impaired dependents, k(C) and its surprise-weighted sum, in arrays
 * indexed by entity id, and the same counts for the virtual root that every service sits under
 * (kept in fields of their own, not in an extra array slot): the root tests "many unrelated
 * services at once" for the unknown-cause path, and its n is every catalog service.
 *
 * <p>Weights are fixed point ({@link #WEIGHT_ONE} = 1.0) so adding and removing a dependent is
 * exact and the sums do not depend on the order services were added in.
 */
final class ComponentCounts {

    static final int WEIGHT_ONE = 1024;

    private final DependencyGraph graph;
    private final int[] impaired;
    private final long[] weighted;
    /** Components with at least one impaired dependent: the only ones a tick looks at (never the root). */
    private final IntList active = new IntList(256);
    private final int[] activePosition;
    private int rootImpaired;
    private long rootWeighted;

    ComponentCounts(DependencyGraph graph) {
        this.graph = graph;
        int n = graph.size();
        this.impaired = new int[n];
        this.weighted = new long[n];
        this.activePosition = new int[n];
    }

    /** Counts the service toward every ancestor whose region gate lets {@code region} through, and the root. */
    void add(int service, int region, int weight) {
        int end = graph.ancestorEnd(service);
        for (int i = graph.ancestorStart(service); i < end; i++) {
            int component = graph.ancestorAt(i);
            if (DependencyGraph.regionAllows(graph.regionOf(component), region)) {
                increment(component, weight);
            }
        }
        rootImpaired++;
        rootWeighted += weight;
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
        rootImpaired--;
        rootWeighted -= weight;
    }

    /** Components with at least one impaired dependent, in no particular order (a live view: do not keep it). */
    IntList active() {
        return active;
    }

    /** Components with an impaired dependent, the root included when it has one. */
    int activeCount() {
        return active.size() + (rootImpaired > 0 ? 1 : 0);
    }

    /** k(C): impaired dependents counted toward the component. */
    int impaired(int component) {
        return impaired[component];
    }

    /** The surprise-weighted k(C), fixed point. */
    long weighted(int component) {
        return weighted[component];
    }

    /** n(C). */
    int dependents(int component) {
        return graph.dependentCount(component);
    }

    double weightedCount(int component) {
        return (double) weighted[component] / WEIGHT_ONE;
    }

    /** k of the root: every counted service. */
    int rootImpaired() {
        return rootImpaired;
    }

    /** The root's surprise-weighted k, fixed point. */
    long rootWeighted() {
        return rootWeighted;
    }

    double rootWeightedCount() {
        return (double) rootWeighted / WEIGHT_ONE;
    }

    /** n of the root: every catalog service. */
    int rootDependents() {
        return graph.serviceCount();
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
