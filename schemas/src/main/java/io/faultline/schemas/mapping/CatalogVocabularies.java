package io.faultline.schemas.mapping;

import io.faultline.avro.CatalogEntry;
import io.faultline.core.resolve.EntityVocabulary;
import io.faultline.core.resolve.ResolvableEntity;

/** Maps a catalog wire record to what the resolver indexes: the entity and the words naming it. */
public final class CatalogVocabularies {

    private CatalogVocabularies() {
    }

    public static EntityVocabulary vocabulary(CatalogEntry e) {
        return new EntityVocabulary(e.getEntityId(), e.getAliases(), e.getKeywords(), e.getHandles(), e.getCashtags(),
                e.getDomains(), e.getAsn());
    }

    public static ResolvableEntity toResolvable(CatalogEntry e) {
        return new ResolvableEntity(CatalogEntities.toCore(e), vocabulary(e));
    }
}
