package io.faultline.core.synthetic;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyEdge;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.EntityKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * SYNTHETIC dependency catalog for benchmarks: made-up providers, regions, CDNs, DNS providers,
 * payment processors, platforms, networks and countries, and services that depend on them with a
 * skewed popularity (a few providers reach most services, as Kashaf et al., IMC 2020, measured).
 * Nothing here is a fact about real services. Deterministic for a given seed.
 *
 * <p>Each service has 10 dependency edges (2 hosting regions, 2 CDNs, 2 DNS providers, 1 payment
 * processor, 1 platform, 1 network, 1 country), so 100,000 services give 1,000,000 edges.
 */
public final class SyntheticCatalog {

    public static final int PROVIDERS = 12;
    public static final int REGIONS_PER_PROVIDER = 24;
    public static final int CDNS = 40;
    public static final int DNS_PROVIDERS = 40;
    public static final int PAYMENT_PROCESSORS = 30;
    public static final int PLATFORMS = 60;
    public static final int ORGANISATIONS = 800;
    public static final int NETWORKS = 4_000;
    public static final int COUNTRIES = 120;
    public static final int EDGES_PER_SERVICE = 10;

    private SyntheticCatalog() {
    }

    public static List<CatalogEntity> entities(int services, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CatalogEntity> entities = new ArrayList<>(services + 6_000);
        for (int p = 0; p < PROVIDERS; p++) {
            entities.add(entity(provider(p), EntityKind.PROVIDER, null, null, List.of()));
            for (int r = 0; r < REGIONS_PER_PROVIDER; r++) {
                entities.add(entity(region(p, r), EntityKind.REGION, provider(p), "p" + p + "-r" + r, List.of()));
            }
        }
        for (int c = 0; c < CDNS; c++) {
            // a third of the CDNs run on a cloud, like a CDN under a cloud
            List<DependencyEdge> on = c % 3 == 0 ? List.of(DependencyEdge.of(provider(c % PROVIDERS), "hosting")) : List.of();
            entities.add(entity("cdn-" + c, EntityKind.CDN, null, null, on));
        }
        for (int d = 0; d < DNS_PROVIDERS; d++) {
            entities.add(entity("dns-" + d, EntityKind.DNS, null, null, List.of()));
        }
        for (int x = 0; x < PAYMENT_PROCESSORS; x++) {
            entities.add(entity("pay-" + x, EntityKind.PAYMENTS, null, null, List.of()));
        }
        for (int x = 0; x < PLATFORMS; x++) {
            entities.add(entity("platform-" + x, EntityKind.PLATFORM, null, null, List.of()));
        }
        for (int o = 0; o < ORGANISATIONS; o++) {
            entities.add(entity("org-" + o, EntityKind.ORGANISATION, null, null, List.of()));
        }
        for (int a = 0; a < NETWORKS; a++) {
            entities.add(entity("as" + (64_512 + a), EntityKind.NETWORK, "org-" + (a % ORGANISATIONS), null, List.of()));
        }
        for (int c = 0; c < COUNTRIES; c++) {
            entities.add(entity("country-" + c, EntityKind.COUNTRY, null, null, List.of()));
        }
        for (int s = 0; s < services; s++) {
            entities.add(service(s, random));
        }
        return entities;
    }

    public static DependencyGraph graph(int services, long seed) {
        return DependencyGraph.of(entities(services, seed));
    }

    public static String serviceId(int s) {
        return "svc-" + s;
    }

    public static String provider(int p) {
        return "provider-" + p;
    }

    public static String region(int p, int r) {
        return provider(p) + "/region-" + r;
    }

    private static CatalogEntity service(int s, SplittableRandom random) {
        Set<String> targets = new LinkedHashSet<>();
        int provider = skewed(random, PROVIDERS);
        while (targets.size() < 2) {
            targets.add(region(provider, skewed(random, REGIONS_PER_PROVIDER)));
        }
        while (targets.size() < 4) {
            targets.add("cdn-" + skewed(random, CDNS));
        }
        while (targets.size() < 6) {
            targets.add("dns-" + skewed(random, DNS_PROVIDERS));
        }
        targets.add("pay-" + skewed(random, PAYMENT_PROCESSORS));
        targets.add("platform-" + skewed(random, PLATFORMS));
        targets.add("as" + (64_512 + random.nextInt(NETWORKS)));
        targets.add("country-" + skewed(random, COUNTRIES));
        List<DependencyEdge> edges = targets.stream().map(target -> DependencyEdge.of(target, "synthetic")).toList();
        return new CatalogEntity(serviceId(s), EntityKind.SERVICE, "Synthetic service " + s, null, null, null,
                "synthetic", edges);
    }

    /** Index in [0, n) with a cubic skew: index 0 is picked about n^(2/3) times as often as the last. */
    private static int skewed(SplittableRandom random, int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) (n * u * u * u));
    }

    private static CatalogEntity entity(String id, EntityKind kind, String parent, String regionCode,
                                        List<DependencyEdge> dependsOn) {
        return new CatalogEntity(id, kind, id, parent, regionCode, null, dependsOn);
    }
}
