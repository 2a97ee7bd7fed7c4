package io.faultline.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ancestors a service reaches only through unconfirmed (discovered) edges. */
class UnconfirmedEdgesTest {

    static DependencyEdge discovered(String target, String kind) {
        return new DependencyEdge(target, kind, "dns-records", "https://docs.example", false);
    }

    static CatalogEntity service(String id, DependencyEdge... edges) {
        return new CatalogEntity(id, EntityKind.SERVICE, id, null, null, null, List.of(edges));
    }

    static List<String> unconfirmedAncestors(DependencyGraph g, String id) {
        int e = g.indexOf(id);
        return java.util.stream.IntStream.range(g.ancestorStart(e), g.ancestorEnd(e))
                .filter(i -> !g.ancestorConfirmed(i)).mapToObj(i -> g.idOf(g.ancestorAt(i))).toList();
    }

    @Test
    void anAncestorIsUnconfirmedOnlyWhenEveryPathToItUsesADiscoveredEdge() {
        DependencyGraph g = DependencyGraph.of(List.of(
                new CatalogEntity("aws", EntityKind.PROVIDER, "AWS", null, null, null, List.of()),
                new CatalogEntity("aws/us-east-1", EntityKind.REGION, "use1", "aws", "us-east-1", null, List.of()),
                new CatalogEntity("cloudfront", EntityKind.CDN, "CF", null, null, null, List.of(DependencyEdge.of("aws", "hosting"))),
                service("discovered-only", discovered("cloudfront", "cdn")),
                service("both", discovered("cloudfront", "cdn"), DependencyEdge.of("aws/us-east-1", "hosting")),
                service("declared", DependencyEdge.of("cloudfront", "cdn"))));

        assertThat(g.hasUnconfirmedEdges()).isTrue();
        assertThat(unconfirmedAncestors(g, "discovered-only")).containsExactly("aws", "cloudfront");
        assertThat(unconfirmedAncestors(g, "both")).as("aws is also reached through the declared region edge")
                .containsExactly("cloudfront");
        assertThat(unconfirmedAncestors(g, "declared")).isEmpty();
        assertThat(g.ancestorIds("discovered-only")).containsExactly("aws", "cloudfront");
    }

    @Test
    void aCatalogWithoutDiscoveredEdgesHasEveryAncestorConfirmed() {
        DependencyGraph g = DependencyGraph.of(List.of(
                new CatalogEntity("fastly", EntityKind.CDN, "Fastly", null, null, null, List.of()),
                service("s", DependencyEdge.of("fastly", "cdn"))));
        assertThat(g.hasUnconfirmedEdges()).isFalse();
        assertThat(g.ancestorConfirmed(g.ancestorStart(g.indexOf("s")))).isTrue();
    }
}
