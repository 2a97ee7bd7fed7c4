/**
 * The dependency catalog as the correlation engine needs it.
 *
 * <p>{@link io.faultline.core.catalog.CatalogEntity} and {@link io.faultline.core.catalog.DependencyEdge}
 * are the domain types (mappers at the edge translate the Avro {@code CatalogEntry}).
 * {@link io.faultline.core.catalog.DependencyGraph} is an immutable snapshot with dense int ids,
 * precomputed ancestor lists and dependent counts; a
 * {@link io.faultline.core.catalog.DependencyGraphBuilder} takes upserts and deletions (a compacted
 * catalog topic, a Flink broadcast stream) and builds the next snapshot.
 */
package io.faultline.core.catalog;
