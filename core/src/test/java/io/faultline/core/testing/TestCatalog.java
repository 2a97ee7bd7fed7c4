package io.faultline.core.testing;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyEdge;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.EntityKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Hand-made catalogs for tests. Shapes only; the names are illustrative, not catalog facts. */
public final class TestCatalog {

    private TestCatalog() {
    }

    public static CatalogEntity provider(String id) {
        return new CatalogEntity(id, EntityKind.PROVIDER, id.toUpperCase(), null, null, null, List.of());
    }

    public static CatalogEntity region(String id, String provider, String code) {
        return new CatalogEntity(id, EntityKind.REGION, id, provider, code, null, List.of());
    }

    public static CatalogEntity component(String id, EntityKind kind, String... dependsOn) {
        return new CatalogEntity(id, kind, id, null, null, null, edges(dependsOn));
    }

    public static CatalogEntity service(String id, String... dependsOn) {
        return new CatalogEntity(id, EntityKind.SERVICE, id, null, null, null, edges(dependsOn));
    }

    public static CatalogEntity serviceIn(String id, String country, String category, String... dependsOn) {
        return new CatalogEntity(id, EntityKind.SERVICE, id, null, null, country, category, edges(dependsOn));
    }

    public static List<DependencyEdge> edges(String... targets) {
        return Arrays.stream(targets).map(target -> DependencyEdge.of(target, "hosting")).toList();
    }

    /** n services named prefix-1..prefix-n, each depending on the given components. */
    public static List<CatalogEntity> services(String prefix, int n, String... dependsOn) {
        List<CatalogEntity> services = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            services.add(service(prefix + "-" + i, dependsOn));
        }
        return services;
    }

    /**
     * A small cloud: aws with regions us-east-1 (10 dependents: use1-1..6 and multi-1..4),
     * us-west-2 (usw2-1..6) and eu-west-1 (euw1-1..3 and multi-1..4); cloudfront (a CDN that
     * depends on aws) with cf-1..5; gcp with us-central1 and gcp-1..4. n(aws) = 24, 28 services.
     */
    public static DependencyGraph cloud(CatalogEntity... extra) {
        List<CatalogEntity> entities = new ArrayList<>(List.of(
                provider("aws"),
                region("aws/us-east-1", "aws", "us-east-1"),
                region("aws/us-west-2", "aws", "us-west-2"),
                region("aws/eu-west-1", "aws", "eu-west-1"),
                component("cloudfront", EntityKind.CDN, "aws"),
                provider("gcp"),
                region("gcp/us-central1", "gcp", "us-central1")));
        entities.addAll(services("use1", 6, "aws/us-east-1"));
        entities.addAll(services("usw2", 6, "aws/us-west-2"));
        entities.addAll(services("euw1", 3, "aws/eu-west-1"));
        entities.addAll(services("multi", 4, "aws/us-east-1", "aws/eu-west-1"));
        entities.addAll(services("cf", 5, "cloudfront"));
        entities.addAll(services("gcp", 4, "gcp/us-central1"));
        entities.addAll(List.of(extra));
        return DependencyGraph.of(entities);
    }
}
