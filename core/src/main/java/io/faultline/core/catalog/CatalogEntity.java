package io.faultline.core.catalog;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One entity of the dependency catalog: a service, provider, provider region, CDN, DNS provider,
 * network, organisation or country, with its outgoing dependency edges.
 *
 * @param id         stable lowercase id, e.g. {@code coinbase}, {@code aws}, {@code aws/us-east-1}
 * @param kind       what sort of entity this is
 * @param name       human name (defaults to the id)
 * @param parentId   containing entity (the provider of a region), may be null. A parent is an
 *                   ancestor like a dependency target: a service on {@code aws/us-east-1} is under
 *                   {@code aws} too.
 * @param regionCode provider region code, e.g. {@code us-east-1}; entities below a region inherit it
 *                   for the region gate
 * @param country    ISO 3166-1 alpha-2 country, may be null
 * @param category   free category slug, e.g. {@code crypto-exchange}, may be null (reported as a
 *                   common attribute of an unknown shared cause)
 * @param dependsOn  outgoing edges
 */
public record CatalogEntity(String id, EntityKind kind, String name, String parentId, String regionCode,
                            String country, String category, List<DependencyEdge> dependsOn)
        implements Serializable {

    public CatalogEntity {
        Objects.requireNonNull(id, "entity id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("entity id must not be blank");
        }
        Objects.requireNonNull(kind, () -> "kind of entity '" + id + "'");
        name = name == null ? id : name;
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }

    /** The shape named in the design notes, without a category. */
    public CatalogEntity(String id, EntityKind kind, String name, String parentId, String regionCode,
                         String country, List<DependencyEdge> dependsOn) {
        this(id, kind, name, parentId, regionCode, country, null, dependsOn);
    }

    public boolean isService() {
        return kind == EntityKind.SERVICE;
    }
}
