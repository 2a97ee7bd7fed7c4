package io.faultline.schemas.mapping;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyEdge;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.DependencyGraphBuilder;
import io.faultline.core.catalog.EntityKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Maps the catalog's wire records ({@link CatalogEntry}) to the core's domain types. The only place
 * where the two meet: jobs and topologies that need the dependency graph call {@link #graph} or
 * feed {@link #toCore} into a {@link DependencyGraphBuilder} as updates arrive.
 */
public final class CatalogEntities {

    private CatalogEntities() {
    }

    /** The core view of one entry (a deleted entry maps too; callers decide to delete it). */
    public static CatalogEntity toCore(CatalogEntry entry) {
        List<DependencyEdge> edges = new ArrayList<>(entry.getDependsOn().size());
        for (Dependency d : entry.getDependsOn()) {
            edges.add(new DependencyEdge(d.getTarget(), d.getKind(), d.getEvidence(), d.getSource(), d.getConfirmed()));
        }
        return new CatalogEntity(entry.getEntityId(), EntityKind.valueOf(entry.getKind().name()), entry.getName(),
                entry.getParentId(), entry.getRegionCode(), entry.getCountry(), entry.getCategory(), edges);
    }

    /** Applies one compacted-topic update: a tombstone ({@code null}) or {@code deleted=true} removes the entity. */
    public static void apply(DependencyGraphBuilder builder, String entityId, CatalogEntry entryOrNull) {
        if (entryOrNull == null || entryOrNull.getDeleted()) {
            builder.delete(entityId);
        } else {
            builder.upsert(toCore(entryOrNull));
        }
    }

    /**
     * The graph of a whole catalog, lenient about dangling references (they are listed in
     * {@link DependencyGraph#warnings()}), since a topic may deliver entries in any order.
     */
    public static DependencyGraph graph(Collection<CatalogEntry> entries) {
        DependencyGraphBuilder builder = DependencyGraph.builder();
        for (CatalogEntry entry : entries) {
            apply(builder, entry.getEntityId(), entry);
        }
        return builder.buildLenient();
    }
}
