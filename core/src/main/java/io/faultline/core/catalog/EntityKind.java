package io.faultline.core.catalog;

/**
 * What sort of entity a catalog entry is. Mirrors the {@code EntityKind} enum of the wire contract
 * ({@code CatalogEntry.avsc}); mappers at the edge translate between the two.
 *
 * <p>Only {@link #SERVICE} entities are counted as dependents of the components above them: they are
 * the population whose health the correlation test samples. Every other kind is a potential shared
 * cause (a service can be one too, when other services depend on it).
 */
public enum EntityKind {
    SERVICE,
    PROVIDER,
    REGION,
    CDN,
    DNS,
    PAYMENTS,
    PLATFORM,
    NETWORK,
    ORGANISATION,
    COUNTRY,
    OTHER
}
