package io.faultline.core.resolve;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The words by which raw observations name a catalog entity, kept beside
 * {@link io.faultline.core.catalog.CatalogEntity} (which models the dependency graph only).
 *
 * @param entityId  catalog id
 * @param aliases   other names status pages and posts use ("N. Virginia", "us-east-1", "IAD")
 * @param keywords  words people use in posts ("coinbase", "disney plus")
 * @param handles   social handles by platform ({@code x -> CoinbaseSupport})
 * @param cashtags  tickers ("COIN"), used to recognise price talk
 * @param domains   domains the entity serves from (probe targets)
 * @param asn       AS number for network entities, or null
 */
public record EntityVocabulary(String entityId, List<String> aliases, List<String> keywords, Map<String, String> handles,
                               List<String> cashtags, List<String> domains, Long asn) {

    public EntityVocabulary {
        Objects.requireNonNull(entityId, "entityId");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        handles = handles == null ? Map.of() : Map.copyOf(handles);
        cashtags = cashtags == null ? List.of() : List.copyOf(cashtags);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    public static EntityVocabulary empty(String entityId) {
        return new EntityVocabulary(entityId, List.of(), List.of(), Map.of(), List.of(), List.of(), null);
    }
}
