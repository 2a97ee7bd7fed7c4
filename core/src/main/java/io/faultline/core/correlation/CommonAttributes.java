package io.faultline.core.correlation;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyGraph;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a set of impaired services has in common: same country, same category, same reported
 * region, and the catalog components every one of them sits under (keyed by kind, e.g.
 * {@code dns=route53}). For an unknown cause this is the lead a human follows to extend the catalog.
 *
 * <p>A diverse group rarely shares anything all the way, so what a strict majority of it shares
 * is reported too, with its count, under {@code mostly.} keys: {@code mostly.country=US (14 of 16)},
 * {@code mostly.provider=aws (9 of 16)} (the hosting its known edges give). Limit: the ASN of the
 * services' own addresses is not in the catalog, so it is not among them.
 */
final class CommonAttributes {

    private CommonAttributes() {
    }

    static Map<String, String> of(DependencyGraph graph, ServiceStates states, int[] members) {
        if (members.length == 0) {
            return Map.of();
        }
        TreeMap<String, String> common = new TreeMap<>();
        CatalogEntity first = graph.entity(members[0]);
        String country = first.country();
        String category = first.category();
        int region = states.region(members[0]);
        int[] shared = ancestors(graph, members[0]);
        for (int i = 1; i < members.length; i++) {
            CatalogEntity entity = graph.entity(members[i]);
            country = Objects.equals(country, entity.country()) ? country : null;
            category = Objects.equals(category, entity.category()) ? category : null;
            region = region == states.region(members[i]) ? region : DependencyGraph.NO_REGION;
            if (shared.length > 0) {
                shared = intersect(shared, ancestors(graph, members[i]));
            }
        }
        if (country != null) {
            common.put("country", country);
        }
        if (category != null) {
            common.put("category", category);
        }
        if (region >= 0) {
            common.put("reportedRegion", graph.regionCode(region));
        }
        for (int component : shared) {
            String kind = graph.entity(component).kind().name().toLowerCase(Locale.ROOT);
            common.merge(kind, graph.idOf(component), (a, b) -> a + "," + b);
        }
        if (members.length > 2) {
            majorities(graph, members, common);
        }
        return Map.copyOf(common);
    }

    /** Values held by more than half of the members but not by all, the most held one per key. */
    private static void majorities(DependencyGraph graph, int[] members, TreeMap<String, String> common) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (int s : members) {
            CatalogEntity entity = graph.entity(s);
            if (entity.country() != null) {
                counts.computeIfAbsent("country", k -> new TreeMap<>()).merge(entity.country(), 1, Integer::sum);
            }
            if (entity.category() != null) {
                counts.computeIfAbsent("category", k -> new TreeMap<>()).merge(entity.category(), 1, Integer::sum);
            }
            for (int i = graph.ancestorStart(s); i < graph.ancestorEnd(s); i++) {
                int component = graph.ancestorAt(i);
                String kind = graph.entity(component).kind().name().toLowerCase(Locale.ROOT);
                counts.computeIfAbsent(kind, k -> new TreeMap<>()).merge(graph.idOf(component), 1, Integer::sum);
            }
        }
        for (var byKey : counts.entrySet()) {
            String value = null;
            int best = 0;
            for (var byValue : byKey.getValue().entrySet()) {
                if (byValue.getValue() > best) {
                    value = byValue.getKey();
                    best = byValue.getValue();
                }
            }
            if (2 * best > members.length && best < members.length) {
                common.put("mostly." + byKey.getKey(), value + " (" + best + " of " + members.length + ")");
            }
        }
    }

    private static int[] ancestors(DependencyGraph graph, int entity) {
        int[] result = new int[graph.ancestorCount(entity)];
        for (int i = 0; i < result.length; i++) {
            result[i] = graph.ancestorAt(graph.ancestorStart(entity) + i);
        }
        return result;
    }

    /** Intersection of two sorted arrays. */
    private static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                out[n++] = a[i];
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
