package io.faultline.core.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Transitive closure of "is under" (parentId and dependsOn) for every entity, stored as one
 * compressed-sparse-row int array: the engine walks a service's ancestors on every state change,
 * so they must be contiguous ints, not lists of strings.
 *
 * <p>Cycles (a catalog mistake, or two discovered edges pointing at each other) do not loop: each
 * closure is a breadth-first search with a per-entity visit stamp. Entities on a cycle are each
 * other's ancestors; an entity is never its own ancestor. Cost is the sum of closure sizes times
 * fan-out, fine for catalogs shaped like ours (services fan out to a few components whose own
 * closures are short); a pathological deep chain of n entities costs O(n^2).
 */
final class AncestorIndex {

    final int[] offsets;
    final int[] ancestors;
    final List<List<String>> cycles;
    /**
     * Parallel to {@link #ancestors}: false where the ancestor is reached only through some
     * unconfirmed (discovered) edge; null when the catalog has no unconfirmed edge (all reached
     * through confirmed edges and parents).
     */
    final boolean[] confirmed;

    private AncestorIndex(int[] offsets, int[] ancestors, List<List<String>> cycles, boolean[] confirmed) {
        this.offsets = offsets;
        this.ancestors = ancestors;
        this.cycles = cycles;
        this.confirmed = confirmed;
    }

    static AncestorIndex compute(CatalogEntity[] entities, Map<String, Integer> index) {
        int n = entities.length;
        int[][] direct = directEdges(entities, index, false);
        int[] stamp = new int[n];
        int[] queue = new int[Math.max(1, n)];
        int[] offsets = new int[n + 1];
        int[] out = new int[Math.max(16, n * 4)];
        int used = 0;
        boolean[] cyclic = new boolean[n];
        for (int e = 0; e < n; e++) {
            int mark = e + 1;
            int tail = reach(direct, e, mark, stamp, queue);
            cyclic[e] = stamp[e] == mark;
            int start = used;
            if (used + tail > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, used + tail));
            }
            for (int i = 0; i < tail; i++) {
                if (queue[i] != e) {
                    out[used++] = queue[i];
                }
            }
            Arrays.sort(out, start, used);
            offsets[e + 1] = used;
        }
        int[] ancestors = Arrays.copyOf(out, used);
        return new AncestorIndex(offsets, ancestors, cycles(entities, offsets, ancestors, cyclic),
                confirmedFlags(entities, index, offsets, ancestors));
    }

    /**
     * Marks each ancestor reachable through confirmed edges and parents alone: a second closure over
     * the confirmed edges only, computed only when some edge is unconfirmed.
     */
    private static boolean[] confirmedFlags(CatalogEntity[] entities, Map<String, Integer> index, int[] offsets,
                                            int[] ancestors) {
        boolean anyUnconfirmed = false;
        for (CatalogEntity entity : entities) {
            for (DependencyEdge edge : entity.dependsOn()) {
                anyUnconfirmed |= !edge.confirmed();
            }
        }
        if (!anyUnconfirmed) {
            return null;
        }
        int n = entities.length;
        int[][] direct = directEdges(entities, index, true);
        boolean[] flags = new boolean[ancestors.length];
        int[] stamp = new int[n];
        int[] queue = new int[Math.max(1, n)];
        for (int e = 0; e < n; e++) {
            int mark = e + 1;
            reach(direct, e, mark, stamp, queue);
            for (int i = offsets[e]; i < offsets[e + 1]; i++) {
                flags[i] = stamp[ancestors[i]] == mark;
            }
        }
        return flags;
    }

    /**
     * Breadth-first closure from {@code e} over {@code direct}: stamps every entity reached with
     * {@code mark} and leaves them in {@code queue[0, returned)}; {@code e} itself is among them only
     * when it lies on a cycle.
     */
    private static int reach(int[][] direct, int e, int mark, int[] stamp, int[] queue) {
        int tail = 0;
        for (int head = -1; head < tail; head++) {
            for (int d : direct[head < 0 ? e : queue[head]]) {
                if (stamp[d] != mark) {
                    stamp[d] = mark;
                    queue[tail++] = d;
                }
            }
        }
        return tail;
    }

    private static int[][] directEdges(CatalogEntity[] entities, Map<String, Integer> index, boolean confirmedOnly) {
        int[][] direct = new int[entities.length][];
        for (int e = 0; e < entities.length; e++) {
            CatalogEntity entity = entities[e];
            int[] targets = new int[entity.dependsOn().size() + 1];
            int count = 0;
            Integer parent = entity.parentId() == null ? null : index.get(entity.parentId());
            if (parent != null) {
                targets[count++] = parent;
            }
            for (DependencyEdge edge : entity.dependsOn()) {
                Integer target = index.get(edge.target());
                if (target != null && (edge.confirmed() || !confirmedOnly)) {
                    targets[count++] = target;
                }
            }
            direct[e] = Arrays.stream(targets, 0, count).sorted().distinct().toArray();
        }
        return direct;
    }

    /** Groups the entities that lie on cycles into strongly connected sets, each sorted by id. */
    private static List<List<String>> cycles(CatalogEntity[] entities, int[] offsets, int[] ancestors,
                                             boolean[] cyclic) {
        List<List<String>> cycles = new ArrayList<>();
        boolean[] assigned = new boolean[entities.length];
        for (int e = 0; e < entities.length; e++) {
            if (!cyclic[e] || assigned[e]) {
                continue;
            }
            List<String> members = new ArrayList<>();
            members.add(entities[e].id());
            assigned[e] = true;
            for (int i = offsets[e]; i < offsets[e + 1]; i++) {
                int x = ancestors[i];
                if (cyclic[x] && !assigned[x]
                        && Arrays.binarySearch(ancestors, offsets[x], offsets[x + 1], e) >= 0) {
                    members.add(entities[x].id());
                    assigned[x] = true;
                }
            }
            members.sort(null);
            cycles.add(List.copyOf(members));
        }
        return List.copyOf(cycles);
    }
}
