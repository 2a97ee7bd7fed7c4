package io.faultline.ingestion.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.faultline.avro.CatalogEntry;

/**
 * Which entities of the catalog topic the YAML no longer has, so that {@code catalog load} can
 * publish tombstones for them. Only entities the YAML owns are candidates: entries generated
 * from the ASN dataset (category {@value #GENERATED_CATEGORY}, written by {@code networks
 * catalog}) live in the same topic but never in the YAML, so they are kept. A key whose value
 * could not be decoded ({@code null} in {@code current}) is kept and reported: without its value
 * nobody can tell who owns it.
 */
public final class CatalogPrune {

    /** Same value as NetworkCatalog.CATEGORY; repeated here so catalog loading does not depend on the network package. */
    public static final String GENERATED_CATEGORY = "asn-dataset";

    private CatalogPrune() {
    }

    /** What pruning would do. */
    public record Plan(List<String> tombstones, List<String> keptGenerated, List<String> undecodable) {
        public Plan {
            tombstones = List.copyOf(tombstones);
            keptGenerated = List.copyOf(keptGenerated);
            undecodable = List.copyOf(undecodable);
        }
    }

    /**
     * @param current  the topic's live entities by key (tombstoned keys absent; null value = could not be decoded)
     * @param yamlIds  the ids the YAML catalog defines now
     */
    public static Plan plan(Map<String, CatalogEntry> current, Set<String> yamlIds) {
        List<String> tombstones = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        List<String> undecodable = new ArrayList<>();
        for (String id : new TreeSet<>(current.keySet())) {
            if (yamlIds.contains(id)) {
                continue;
            }
            CatalogEntry e = current.get(id);
            if (e == null) {
                undecodable.add(id);
            } else if (GENERATED_CATEGORY.equals(e.getCategory())) {
                generated.add(id);
            } else {
                tombstones.add(id);
            }
        }
        return new Plan(tombstones, generated, undecodable);
    }
}
