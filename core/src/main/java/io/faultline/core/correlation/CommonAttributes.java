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
        int region = states.region[members[0]];
        int[] shared = ancestors(graph, members[0]);
        for (int i = 1; i < members.length; i++) {
            CatalogEntity entity = graph.entity(members[i]);
            country = Objects.equals(country, entity.country()) ? country : null;
            category = Objects.equals(category, entity.category()) ? category : null;
            region = region == states.region[members[i]] ? region : DependencyGraph.NO_REGION;
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
        return Map.copyOf(common);
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
