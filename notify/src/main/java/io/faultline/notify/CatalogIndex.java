package io.faultline.notify;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog as the subscriptions file needs it: which ids exist, and which entry serves each domain. A domain
 * resolves to the entry that lists it or, failing that, the entry listing its nearest parent domain
 * ({@code api.shop.example.com} finds {@code shop.example.com}).
 */
public final class CatalogIndex {

    private final Set<String> ids;
    private final Map<String, String> byDomain;

    public CatalogIndex(Set<String> ids, Map<String, String> domainToId) {
        this.ids = Set.copyOf(ids);
        this.byDomain = new HashMap<>();
        domainToId.forEach((d, id) -> byDomain.put(normalise(d), id));
    }

    public static CatalogIndex empty() {
        return new CatalogIndex(Set.of(), Map.of());
    }

    /** The catalog id a stack entry names: itself when it is an id, else the entry serving it as a domain. */
    public Optional<String> resolve(String entry) {
        if (ids.contains(entry)) {
            return Optional.of(entry);
        }
        String d = normalise(entry);
        while (d.contains(".")) {
            String id = byDomain.get(d);
            if (id != null) {
                return Optional.of(id);
            }
            d = d.substring(d.indexOf('.') + 1);
        }
        return Optional.empty();
    }

    public int size() {
        return ids.size();
    }

    private static String normalise(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
