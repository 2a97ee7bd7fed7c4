package io.faultline.core.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mutable set of catalog entities that becomes an immutable {@link DependencyGraph}. It accepts
 * upserts and deletions in any order, as a compacted catalog topic delivers them, so a broadcast
 * operator can keep one builder and rebuild the graph after each batch of changes.
 *
 * <p>Not thread-safe; the graphs it builds are.
 */
public final class DependencyGraphBuilder {

    private final Map<String, CatalogEntity> entities = new HashMap<>();

    DependencyGraphBuilder() {
    }

    /** Adds the entity, or replaces the entity with the same id. */
    public DependencyGraphBuilder upsert(CatalogEntity entity) {
        entities.put(entity.id(), entity);
        return this;
    }

    public DependencyGraphBuilder upsertAll(Collection<CatalogEntity> batch) {
        batch.forEach(this::upsert);
        return this;
    }

    /** Removes the entity (a tombstone on the catalog topic); unknown ids are ignored. */
    public DependencyGraphBuilder delete(String id) {
        entities.remove(id);
        return this;
    }

    public boolean contains(String id) {
        return entities.containsKey(id);
    }

    public int size() {
        return entities.size();
    }

    /** What {@link #build()} would reject: references to ids the catalog does not hold. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (CatalogEntity entity : entities.values()) {
            if (entity.parentId() != null && !entities.containsKey(entity.parentId())) {
                problems.add("entity '" + entity.id() + "' has unknown parent '" + entity.parentId() + "'");
            }
            for (DependencyEdge edge : entity.dependsOn()) {
                if (!entities.containsKey(edge.target())) {
                    problems.add("entity '" + entity.id() + "' depends on unknown '" + edge.target() + "'");
                }
            }
        }
        problems.sort(null);
        return problems;
    }

    /** @throws CatalogValidationException naming every unknown parent or dependency target */
    public DependencyGraph build() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new CatalogValidationException(problems);
        }
        return new DependencyGraph(entities.values(), List.of());
    }

    /**
     * Builds a graph even when references dangle (a compacted topic may deliver a service before the
     * region it depends on): such edges and parents are dropped and listed in
     * {@link DependencyGraph#warnings()}. Rebuild once the missing entity arrives.
     */
    public DependencyGraph buildLenient() {
        List<String> warnings = new ArrayList<>();
        List<CatalogEntity> cleaned = new ArrayList<>(entities.size());
        for (CatalogEntity entity : entities.values()) {
            String parent = entity.parentId();
            boolean changed = false;
            if (parent != null && !entities.containsKey(parent)) {
                warnings.add("entity '" + entity.id() + "' has unknown parent '" + parent + "': parent ignored");
                parent = null;
                changed = true;
            }
            List<DependencyEdge> edges = new ArrayList<>(entity.dependsOn().size());
            for (DependencyEdge edge : entity.dependsOn()) {
                if (entities.containsKey(edge.target())) {
                    edges.add(edge);
                } else {
                    warnings.add("entity '" + entity.id() + "' depends on unknown '" + edge.target() + "': edge ignored");
                    changed = true;
                }
            }
            cleaned.add(!changed ? entity
                    : new CatalogEntity(entity.id(), entity.kind(), entity.name(), parent, entity.regionCode(),
                    entity.country(), entity.category(), edges));
        }
        warnings.sort(null);
        return new DependencyGraph(cleaned, warnings);
    }
}
