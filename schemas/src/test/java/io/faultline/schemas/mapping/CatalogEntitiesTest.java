package io.faultline.schemas.mapping;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.DependencyGraphBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogEntitiesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    private static CatalogEntry entry(String id, EntityKind kind, String parent, List<Dependency> deps) {
        return CatalogEntry.newBuilder().setEntityId(id).setKind(kind).setName(id.toUpperCase()).setParentId(parent)
                .setCategory(null).setRegionCode(kind == EntityKind.REGION ? "us-east-1" : null).setCountry(null)
                .setAsn(null).setStatusPageUrl(null).setStatusPageFormat(null).setDomains(List.of())
                .setAliases(List.of()).setKeywords(List.of()).setHandles(Map.of()).setCashtags(List.of())
                .setDependsOn(deps).setSources(List.of()).setDeleted(false).setEventTime(T0).build();
    }

    private static Dependency on(String target) {
        return Dependency.newBuilder().setTarget(target).setKind("hosting").setEvidence("docs").setSource(null)
                .setConfirmed(true).build();
    }

    @Test
    void service_on_a_region_is_under_the_region_and_its_provider() {
        DependencyGraph graph = CatalogEntities.graph(List.of(
                entry("aws", EntityKind.PROVIDER, null, List.of()),
                entry("aws/us-east-1", EntityKind.REGION, "aws", List.of()),
                entry("coinbase", EntityKind.SERVICE, null, List.of(on("aws/us-east-1")))));

        int coinbase = graph.indexOf("coinbase");
        assertThat(graph.isAncestor(graph.indexOf("aws/us-east-1"), coinbase)).isTrue();
        assertThat(graph.isAncestor(graph.indexOf("aws"), coinbase)).isTrue();
        assertThat(graph.entity("aws/us-east-1").orElseThrow().regionCode()).isEqualTo("us-east-1");
        assertThat(graph.entity("coinbase").orElseThrow().name()).isEqualTo("COINBASE");
        assertThat(graph.warnings()).isEmpty();
    }

    @Test
    void tombstones_and_deleted_entries_remove_the_entity_and_dangling_edges_become_warnings() {
        DependencyGraphBuilder builder = DependencyGraph.builder();
        CatalogEntities.apply(builder, "aws", entry("aws", EntityKind.PROVIDER, null, List.of()));
        CatalogEntities.apply(builder, "slack", entry("slack", EntityKind.SERVICE, null, List.of(on("aws"))));
        CatalogEntities.apply(builder, "aws", null);
        CatalogEntry deleted = entry("gone", EntityKind.SERVICE, null, List.of());
        deleted.setDeleted(true);
        CatalogEntities.apply(builder, "gone", deleted);

        DependencyGraph graph = builder.buildLenient();
        assertThat(graph.indexOf("aws")).isNegative();
        assertThat(graph.indexOf("gone")).isNegative();
        assertThat(graph.warnings()).singleElement().asString().contains("slack").contains("aws");
    }
}
