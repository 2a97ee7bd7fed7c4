package io.faultline.core.catalog;

import static io.faultline.core.testing.TestCatalog.cloud;
import static io.faultline.core.testing.TestCatalog.component;
import static io.faultline.core.testing.TestCatalog.provider;
import static io.faultline.core.testing.TestCatalog.region;
import static io.faultline.core.testing.TestCatalog.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    @Test
    void ancestorsCloseOverParentsAndDependencies() {
        DependencyGraph graph = cloud();

        assertThat(graph.ancestorIds("use1-1")).containsExactly("aws", "aws/us-east-1");
        assertThat(graph.ancestorIds("cf-1")).containsExactly("aws", "cloudfront");
        assertThat(graph.ancestorIds("multi-1")).containsExactly("aws", "aws/eu-west-1", "aws/us-east-1");
        assertThat(graph.ancestorIds("aws")).isEmpty();
    }

    @Test
    void countsServiceDependentsPerComponent() {
        DependencyGraph graph = cloud();

        assertThat(graph.dependentCount("aws/us-east-1")).isEqualTo(10);
        assertThat(graph.dependentCount("aws/eu-west-1")).isEqualTo(7);
        assertThat(graph.dependentCount("cloudfront")).isEqualTo(5);
        assertThat(graph.dependentCount("aws")).isEqualTo(24);
        assertThat(graph.dependentCount("use1-1")).isZero();
        assertThat(graph.serviceCount()).isEqualTo(28);
    }

    @Test
    void regionsAreInternedAndInheritedDownTheParentChain() {
        DependencyGraph graph = cloud(
                new CatalogEntity("aws/us-east-1/dynamodb", EntityKind.OTHER, "DynamoDB", "aws/us-east-1", null, null, List.of()));

        int useast1 = graph.regionIndex("us-east-1");
        assertThat(useast1).isGreaterThanOrEqualTo(0);
        assertThat(graph.regionIndex("US-EAST-1")).isEqualTo(useast1);
        assertThat(graph.regionIndex(null)).isEqualTo(DependencyGraph.NO_REGION);
        assertThat(graph.regionIndex("mars-north-1")).isEqualTo(DependencyGraph.UNKNOWN_REGION);
        assertThat(graph.regionOf(graph.indexOf("aws/us-east-1/dynamodb"))).isEqualTo(useast1);
        assertThat(graph.regionOf(graph.indexOf("aws"))).isEqualTo(DependencyGraph.NO_REGION);
    }

    @Test
    void regionGateLetsThroughMatchingOrUnlabelledReports() {
        assertThat(DependencyGraph.regionAllows(3, 3)).isTrue();
        assertThat(DependencyGraph.regionAllows(3, DependencyGraph.NO_REGION)).isTrue();
        assertThat(DependencyGraph.regionAllows(3, 4)).isFalse();
        assertThat(DependencyGraph.regionAllows(3, DependencyGraph.UNKNOWN_REGION)).isFalse();
        assertThat(DependencyGraph.regionAllows(DependencyGraph.NO_REGION, 4)).isTrue();
    }

    @Test
    void numberingDoesNotDependOnArrivalOrder() {
        List<CatalogEntity> entities = new ArrayList<>(cloud().entities());
        Collections.shuffle(entities, new Random(7));
        DependencyGraph shuffled = DependencyGraph.of(entities);
        DependencyGraph original = cloud();

        for (int e = 0; e < original.size(); e++) {
            assertThat(shuffled.idOf(e)).isEqualTo(original.idOf(e));
        }
    }

    @Test
    void cyclesAreReportedWithoutLooping() {
        DependencyGraph graph = DependencyGraph.of(List.of(
                component("a", EntityKind.OTHER, "b"),
                component("b", EntityKind.OTHER, "c"),
                component("c", EntityKind.OTHER, "a"),
                component("self", EntityKind.OTHER, "self"),
                service("svc", "a")));

        assertThat(graph.cycles()).containsExactlyInAnyOrder(List.of("a", "b", "c"), List.of("self"));
        assertThat(graph.ancestorIds("a")).containsExactly("b", "c");
        assertThat(graph.ancestorIds("svc")).containsExactly("a", "b", "c");
        assertThat(graph.ancestorIds("self")).isEmpty();
        assertThat(graph.warnings()).anyMatch(w -> w.contains("dependency cycle between a, b, c"));
    }

    @Test
    void rejectsUnknownTargetsAndDuplicateIdsNamingThem() {
        assertThatThrownBy(() -> DependencyGraph.of(List.of(
                provider("aws"),
                provider("aws"),
                region("aws/us-east-1", "aws", "us-east-1"),
                service("coinbase", "aws/us-east-9"),
                region("orphan/r1", "orphan", "r1"))))
                .isInstanceOf(CatalogValidationException.class)
                .hasMessageContaining("duplicate entity id 'aws' (2 entries)")
                .hasMessageContaining("entity 'coinbase' depends on unknown 'aws/us-east-9'")
                .hasMessageContaining("entity 'orphan/r1' has unknown parent 'orphan'")
                .satisfies(e -> assertThat(((CatalogValidationException) e).problems()).hasSize(3));
    }

    @Test
    void builderAcceptsUpsertsAndDeletionsAndBuildsLenientlyWhileReferencesDangle() {
        DependencyGraphBuilder builder = DependencyGraph.builder()
                .upsert(service("coinbase", "aws/us-east-1"))
                .upsert(provider("aws"));

        DependencyGraph partial = builder.buildLenient();
        assertThat(partial.ancestorIds("coinbase")).isEmpty();
        assertThat(partial.warnings()).containsExactly("entity 'coinbase' depends on unknown 'aws/us-east-1': edge ignored");
        assertThatThrownBy(builder::build).hasMessageContaining("'aws/us-east-1'");

        DependencyGraph complete = builder.upsert(region("aws/us-east-1", "aws", "us-east-1")).build();
        assertThat(complete.ancestorIds("coinbase")).containsExactly("aws", "aws/us-east-1");

        DependencyGraph patched = complete.toBuilder()
                .upsert(service("coinbase", "gcp"))
                .upsert(provider("gcp"))
                .delete("aws/us-east-1")
                .build();
        assertThat(patched.ancestorIds("coinbase")).containsExactly("gcp");
        assertThat(patched.indexOf("aws/us-east-1")).isEqualTo(-1);
        assertThat(complete.indexOf("aws/us-east-1")).as("the old snapshot is unchanged").isGreaterThanOrEqualTo(0);
    }

    @Test
    void entityValidationNamesTheField() {
        assertThatThrownBy(() -> new CatalogEntity(" ", EntityKind.SERVICE, null, null, null, null, List.of()))
                .hasMessageContaining("entity id must not be blank");
        assertThatThrownBy(() -> DependencyEdge.of("", "cdn")).hasMessageContaining("dependency target");
    }
}
