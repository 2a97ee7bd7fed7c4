package io.faultline.core.resolve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.EntityKind;

/**
 * Immutable lookup tables over the catalog for the resolver: regions by provider with the names
 * status pages use for them, entities by domain, social terms, networks by ASN, countries by
 * code. Rebuilt whole when the catalog changes (a few hundred entities: microseconds to
 * milliseconds), so a reader never sees a half-applied edit.
 */
public final class CatalogIndex {

    /** One name of a region, lower-cased. */
    record RegionTerm(String entityId, String term, String regionCode) {
    }

    /** One keyword of an entity, lower-cased. */
    record Keyword(String entityId, String term) {
    }

    private final Map<String, ResolvableEntity> byId = new HashMap<>();
    private final Map<String, List<RegionTerm>> regionsByProvider = new HashMap<>();
    private final Map<String, String> byDomain = new HashMap<>();
    private final Map<String, String> byHandle = new HashMap<>();
    private final Map<String, List<String>> byCashtag = new HashMap<>();
    private final List<Keyword> keywords = new ArrayList<>();
    private final Map<Long, String> networkByAsn = new HashMap<>();
    private final Map<String, String> countryByCode = new HashMap<>();

    private CatalogIndex(Collection<ResolvableEntity> entities) {
        for (ResolvableEntity e : entities) {
            byId.put(e.entity().id(), e);
        }
        for (ResolvableEntity e : entities) {
            CatalogEntity c = e.entity();
            EntityVocabulary v = e.vocabulary();
            if (c.kind() == EntityKind.REGION && c.parentId() != null) {
                List<RegionTerm> terms = regionsByProvider.computeIfAbsent(c.parentId(), k -> new ArrayList<>());
                addRegionTerm(terms, c, c.regionCode());
                addRegionTerm(terms, c, c.name());
                for (String a : v.aliases()) {
                    addRegionTerm(terms, c, a);
                }
            }
            for (String d : v.domains()) {
                byDomain.putIfAbsent(d.toLowerCase(Locale.ROOT), c.id());
            }
            for (String h : v.handles().values()) {
                byHandle.putIfAbsent(stripPrefix(h, '@').toLowerCase(Locale.ROOT), c.id());
            }
            for (String t : v.cashtags()) {
                byCashtag.computeIfAbsent(stripPrefix(t, '$').toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(c.id());
            }
            if (c.kind() != EntityKind.REGION) {
                for (String k : v.keywords()) {
                    if (!k.isBlank()) {
                        keywords.add(new Keyword(c.id(), k.toLowerCase(Locale.ROOT)));
                    }
                }
            }
            if (v.asn() != null) {
                networkByAsn.putIfAbsent(v.asn(), c.id());
            }
            if (c.kind() == EntityKind.COUNTRY && c.country() != null) {
                countryByCode.putIfAbsent(c.country().toUpperCase(Locale.ROOT), c.id());
            }
        }
    }

    public static CatalogIndex of(Collection<ResolvableEntity> entities) {
        return new CatalogIndex(entities);
    }

    private static void addRegionTerm(List<RegionTerm> terms, CatalogEntity region, String name) {
        if (name != null && !name.isBlank()) {
            terms.add(new RegionTerm(region.id(), name.toLowerCase(Locale.ROOT), region.regionCode()));
        }
    }

    private static String stripPrefix(String s, char prefix) {
        return !s.isEmpty() && s.charAt(0) == prefix ? s.substring(1) : s;
    }

    public int size() {
        return byId.size();
    }

    public ResolvableEntity entity(String id) {
        return id == null ? null : byId.get(id);
    }

    public boolean contains(String id) {
        return id != null && byId.containsKey(id);
    }

    /**
     * The region of {@code providerId} named in {@code text} (already lower-cased), the longest
     * name winning ("us-east-1" over "us-east"), or null.
     */
    public RegionTerm regionNamedIn(String providerId, String text) {
        List<RegionTerm> terms = regionsByProvider.get(providerId);
        if (terms == null || text == null || text.isEmpty()) {
            return null;
        }
        RegionTerm best = null;
        for (RegionTerm t : terms) {
            if ((best == null || t.term().length() > best.term().length()) && TextMatch.contains(text, t.term())) {
                best = t;
            }
        }
        return best;
    }

    /** The entity serving {@code hostOrUrl}: exact domain, then each parent domain in turn. */
    public String entityForHost(String hostOrUrl) {
        if (hostOrUrl == null || hostOrUrl.isBlank()) {
            return null;
        }
        String h = hostOrUrl.toLowerCase(Locale.ROOT);
        int scheme = h.indexOf("://");
        if (scheme >= 0) {
            h = h.substring(scheme + 3);
        }
        int cut = indexOfAny(h, "/:?#");
        if (cut >= 0) {
            h = h.substring(0, cut);
        }
        while (!h.isEmpty()) {
            String id = byDomain.get(h);
            if (id != null) {
                return id;
            }
            int dot = h.indexOf('.');
            if (dot < 0 || h.indexOf('.', dot + 1) < 0) {
                return null;
            }
            h = h.substring(dot + 1);
        }
        return null;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    public String entityForHandle(String handle) {
        return handle == null ? null : byHandle.get(stripPrefix(handle, '@').toLowerCase(Locale.ROOT));
    }

    public List<String> entitiesForCashtag(String cashtag) {
        return cashtag == null ? List.of() : byCashtag.getOrDefault(stripPrefix(cashtag, '$').toUpperCase(Locale.ROOT), List.of());
    }

    List<Keyword> keywords() {
        return keywords;
    }

    public String networkForAsn(long asn) {
        return networkByAsn.get(asn);
    }

    public String countryEntity(String code) {
        return code == null ? null : countryByCode.get(code.toUpperCase(Locale.ROOT));
    }
}
