package io.faultline.core.resolve;

import java.util.Objects;

import io.faultline.core.catalog.CatalogEntity;

/** An entity of the catalog with the words that name it: what the resolver indexes. */
public record ResolvableEntity(CatalogEntity entity, EntityVocabulary vocabulary) {

    public ResolvableEntity {
        Objects.requireNonNull(entity, "entity");
        vocabulary = vocabulary == null ? EntityVocabulary.empty(entity.id()) : vocabulary;
    }
}
