package io.faultline.ingestion.catalog;

import java.util.List;
import java.util.Map;

import io.faultline.avro.CatalogEntry;

/**
 * The catalog as read from YAML: one entry per service, provider and region, and every problem
 * found, each naming the file and id. A catalog with errors is never published. Providers' DNS
 * fingerprints ({@code dnsSuffixes}, used by 'discover edges') are kept beside the entries: they are
 * discovery data, not part of the CatalogEntry published on the catalog topic.
 */
public record CatalogLoad(List<CatalogEntry> entries, List<String> errors, Map<String, DnsSuffixes> dnsSuffixes) {

    public CatalogLoad {
        entries = List.copyOf(entries);
        errors = List.copyOf(errors);
        dnsSuffixes = Map.copyOf(dnsSuffixes);
    }

    public CatalogLoad(List<CatalogEntry> entries, List<String> errors) {
        this(entries, errors, Map.of());
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The entries, or an exception listing every error. */
    public List<CatalogEntry> requireValid() {
        if (!valid()) {
            throw new IllegalArgumentException("catalog is invalid (" + errors.size() + " error(s)):\n  - "
                    + String.join("\n  - ", errors));
        }
        return entries;
    }
}
