package io.faultline.core.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Immutable snapshot of the dependency catalog, prepared for the correlation engine.
 *
 * <ul>
 *   <li>Entity ids are interned to dense ints in id order, so two graphs built from the same
 *       entities (in any arrival order) number them identically; batch and streaming runs agree.</li>
 *   <li>Every entity's ancestors (transitive closure over parentId and dependsOn) are precomputed
 *       as a sorted int range ({@link #ancestorStart}/{@link #ancestorEnd}/{@link #ancestorAt}).</li>
 *   <li>{@link #dependentCount(int)} is n(C): the number of SERVICE entities under C.</li>
 *   <li>Region codes are interned; each entity has an effective region (its own regionCode or the
 *       nearest one up its parent chain) for the region gate.</li>
 * </ul>
 *
 * Build it with {@link #of(Collection)} or a {@link DependencyGraphBuilder} (upserts and deletions,
 * as a Flink broadcast operator receives them), and patch it with {@link #toBuilder()}.
 */
public final class DependencyGraph {

    /** The update names no region. */
    public static final int NO_REGION = -1;
    /** The update names a region the catalog does not know: it matches no regional component. */
    public static final int UNKNOWN_REGION = -2;

    private final CatalogEntity[] entities;
    private final Map<String, Integer> indexById;
    private final boolean[] service;
    private final int serviceCount;
    private final int[] ancestorOffsets;
    private final int[] ancestors;
    private final int[] dependentCounts;
    private final String[] regionCodes;
    private final Map<String, Integer> regionIndex;
    private final int[] regionOf;
    private final List<List<String>> cycles;
    private final List<String> warnings;
    private final boolean[] ancestorConfirmed;

    DependencyGraph(Collection<CatalogEntity> validated, List<String> warnings) {
        this.entities = validated.toArray(CatalogEntity[]::new);
        Arrays.sort(entities, Comparator.comparing(CatalogEntity::id));
        int n = entities.length;
        this.indexById = new HashMap<>(Math.max(16, n * 2));
        this.service = new boolean[n];
        int services = 0;
        for (int e = 0; e < n; e++) {
            indexById.put(entities[e].id(), e);
            service[e] = entities[e].isService();
            services += service[e] ? 1 : 0;
        }
        this.serviceCount = services;
        AncestorIndex closure = AncestorIndex.compute(entities, indexById);
        this.ancestorOffsets = closure.offsets;
        this.ancestors = closure.ancestors;
        this.cycles = closure.cycles;
        this.ancestorConfirmed = closure.confirmed;
        this.dependentCounts = new int[n];
        for (int e = 0; e < n; e++) {
            if (service[e]) {
                for (int i = ancestorOffsets[e]; i < ancestorOffsets[e + 1]; i++) {
                    dependentCounts[ancestors[i]]++;
                }
            }
        }
        TreeSet<String> codes = new TreeSet<>();
        for (CatalogEntity entity : entities) {
            if (entity.regionCode() != null) {
                codes.add(normalise(entity.regionCode()));
            }
        }
        this.regionCodes = codes.toArray(String[]::new);
        this.regionIndex = new HashMap<>();
        for (int r = 0; r < regionCodes.length; r++) {
            regionIndex.put(regionCodes[r], r);
        }
        this.regionOf = effectiveRegions();
        List<String> allWarnings = new ArrayList<>(warnings);
        for (List<String> cycle : cycles) {
            allWarnings.add("dependency cycle between " + String.join(", ", cycle));
        }
        this.warnings = List.copyOf(allWarnings);
    }

    /** Builds a graph from a complete catalog; duplicate ids and unknown references are errors. */
    public static DependencyGraph of(Collection<CatalogEntity> catalog) {
        Map<String, Integer> occurrences = new HashMap<>();
        for (CatalogEntity entity : catalog) {
            occurrences.merge(entity.id(), 1, Integer::sum);
        }
        List<String> problems = new ArrayList<>();
        occurrences.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .map(entry -> "duplicate entity id '" + entry.getKey() + "' (" + entry.getValue() + " entries)")
                .sorted()
                .forEach(problems::add);
        DependencyGraphBuilder builder = new DependencyGraphBuilder();
        catalog.forEach(builder::upsert);
        problems.addAll(builder.problems());
        if (!problems.isEmpty()) {
            throw new CatalogValidationException(problems);
        }
        return builder.build();
    }

    public static DependencyGraph empty() {
        return new DependencyGraph(List.of(), List.of());
    }

    public static DependencyGraphBuilder builder() {
        return new DependencyGraphBuilder();
    }

    /** A builder holding this graph's entities, ready for upserts and deletions. */
    public DependencyGraphBuilder toBuilder() {
        return new DependencyGraphBuilder().upsertAll(Arrays.asList(entities));
    }

    public int size() {
        return entities.length;
    }

    public int serviceCount() {
        return serviceCount;
    }

    /** Dense index of the id, or -1 when the catalog does not know it. */
    public int indexOf(String id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    public String idOf(int entity) {
        return entities[entity].id();
    }

    public CatalogEntity entity(int entity) {
        return entities[entity];
    }

    public Optional<CatalogEntity> entity(String id) {
        int index = indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(entities[index]);
    }

    public List<CatalogEntity> entities() {
        return List.of(entities);
    }

    public boolean isService(int entity) {
        return service[entity];
    }

    /** First position of the entity's ancestors in the shared ancestor array (see {@link #ancestorAt}). */
    public int ancestorStart(int entity) {
        return ancestorOffsets[entity];
    }

    /** One past the last position of the entity's ancestors. */
    public int ancestorEnd(int entity) {
        return ancestorOffsets[entity + 1];
    }

    public int ancestorAt(int position) {
        return ancestors[position];
    }

    /**
     * Weight of a dependent reached only through unconfirmed (discovered) edges, relative to one
     * reached through declared edges: DNS or IP-range evidence shows the dependency exists today but
     * not how much of the service rests on it, and no human has checked it yet.
     */
    public static final double UNCONFIRMED_EDGE_WEIGHT = 0.5;

    /**
     * Whether the ancestor at this position is reached through confirmed edges and parents alone;
     * false when every path to it uses an unconfirmed (discovered) edge.
     */
    public boolean ancestorConfirmed(int position) {
        return ancestorConfirmed == null || ancestorConfirmed[position];
    }

    /** Whether any edge of the catalog is unconfirmed. */
    public boolean hasUnconfirmedEdges() {
        return ancestorConfirmed != null;
    }

    /** Number of ancestors; a larger number means a more specific component. */
    public int ancestorCount(int entity) {
        return ancestorOffsets[entity + 1] - ancestorOffsets[entity];
    }

    public boolean isAncestor(int ancestor, int of) {
        return Arrays.binarySearch(ancestors, ancestorOffsets[of], ancestorOffsets[of + 1], ancestor) >= 0;
    }

    /** Ancestor ids of an entity, sorted; empty for an unknown id. */
    public List<String> ancestorIds(String id) {
        int entity = indexOf(id);
        if (entity < 0) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(ancestorCount(entity));
        for (int i = ancestorStart(entity); i < ancestorEnd(entity); i++) {
            ids.add(idOf(ancestors[i]));
        }
        return List.copyOf(ids);
    }

    /** n(C): SERVICE entities that have the component among their ancestors. */
    public int dependentCount(int component) {
        return dependentCounts[component];
    }

    public int dependentCount(String componentId) {
        int component = indexOf(componentId);
        return component < 0 ? 0 : dependentCounts[component];
    }

    /** Effective region index of the entity, or {@link #NO_REGION}. */
    public int regionOf(int entity) {
        return regionOf[entity];
    }

    /** Interned index of a region code (case-insensitive), {@link #NO_REGION} for null, else {@link #UNKNOWN_REGION}. */
    public int regionIndex(String code) {
        if (code == null) {
            return NO_REGION;
        }
        Integer index = regionIndex.get(code);
        if (index == null) {
            index = regionIndex.get(normalise(code));
        }
        return index == null ? UNKNOWN_REGION : index;
    }

    public String regionCode(int regionIndex) {
        return regionIndex >= 0 ? regionCodes[regionIndex] : null;
    }

    public int regionCount() {
        return regionCodes.length;
    }

    /**
     * The region gate: a regional component only counts a dependent whose reported region is
     * absent or the same. A report from a region the catalog does not know matches no regional
     * component (it still counts for non-regional ones such as the provider).
     */
    public static boolean regionAllows(int componentRegion, int reportedRegion) {
        return componentRegion < 0 || reportedRegion == NO_REGION || componentRegion == reportedRegion;
    }

    /** Sets of entity ids that depend on each other in a cycle (allowed, reported, never looped on). */
    public List<List<String>> cycles() {
        return cycles;
    }

    /** Non-fatal findings: cycles, and edges dropped by {@link DependencyGraphBuilder#buildLenient()}. */
    public List<String> warnings() {
        return warnings;
    }

    private int[] effectiveRegions() {
        int n = entities.length;
        int[] result = new int[n];
        for (int e = 0; e < n; e++) {
            result[e] = NO_REGION;
            int x = e;
            // bounded walk: a parent cycle must not loop
            for (int steps = 0; x >= 0 && steps <= n; steps++) {
                CatalogEntity entity = entities[x];
                if (entity.regionCode() != null) {
                    result[e] = regionIndex.get(normalise(entity.regionCode()));
                    break;
                }
                x = entity.parentId() == null ? -1 : indexOf(entity.parentId());
            }
        }
        return result;
    }

    private static String normalise(String regionCode) {
        return regionCode.toLowerCase(Locale.ROOT);
    }
}
