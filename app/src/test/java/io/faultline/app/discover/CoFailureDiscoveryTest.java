package io.faultline.app.discover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faultline.avro.CatalogEntry;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.discovery.CoFailureMiner;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.ingestion.evaluation.ExpectedOutcomes;
import io.faultline.ingestion.evaluation.HeldOutCatalog;
import io.faultline.schemas.mapping.CatalogEntities;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Co-failure discovery on the two AWS us-east-1 replays (2021-12-07 and 2025-10-20), run through
 * the streams logic. The catalog's edges to aws/us-east-1 were learnt from the reports those replays
 * are built from, so the test removes them (the evaluation's held-out view) and checks that what the
 * statistics propose back is what the outage reports said: services that failed in both outages.
 */
class CoFailureDiscoveryTest {

    private static final Path HOME = Path.of("..");
    private static final Path AWS_2021 = HOME.resolve("replays/aws-us-east-1-2021-12-07");
    private static final Path AWS_2025 = HOME.resolve("replays/aws-us-east-1-2025-10-20");
    private static final String REGION = "aws/us-east-1";
    /** AWS acknowledged both outages on its status page tens of minutes after services failed. */
    private static final CoFailureMiner.Settings AN_HOUR_TWICE = new CoFailureMiner.Settings(Duration.ofHours(1), 2, 0.3, 10);

    @Test
    void edges_held_out_of_the_catalog_are_proposed_back_only_for_services_that_failed_in_both_outages() throws Exception {
        List<CatalogEntry> full = CatalogYaml.load(HOME.resolve("catalog"), Instant.now()).requireValid();
        Set<String> reports = new HashSet<>(HeldOutCatalog.sourceUrls(AWS_2021.resolve("timeline.yaml")));
        reports.addAll(HeldOutCatalog.sourceUrls(AWS_2025.resolve("timeline.yaml")));
        List<CatalogEntry> heldOut = HeldOutCatalog.without(full, reports).entries();
        DependencyGraph heldOutGraph = CatalogEntities.graph(heldOut);
        DependencyGraph fullGraph = CatalogEntities.graph(full);

        HealthHistory history = HealthHistory.fromReplays(List.of(AWS_2021, AWS_2025), heldOut, heldOutGraph);
        CoFailureReport report = CoFailureReport.of(new CoFailureMiner(heldOutGraph, AN_HOUR_TWICE), history, heldOutGraph,
                heldOut);

        Set<String> inBoth = new HashSet<>(ExpectedOutcomes.read(AWS_2021.resolve("expected.json")).affectedServices());
        inBoth.retainAll(ExpectedOutcomes.read(AWS_2025.resolve("expected.json")).affectedServices());
        List<CoFailureReport.EdgeProposal> toRegion = report.edges().stream().filter(e -> e.component().equals(REGION)).toList();
        assertThat(toRegion).isNotEmpty();
        assertThat(toRegion).allSatisfy(e -> {
            assertThat(inBoth).contains(e.service());
            assertThat(fullGraph.ancestorIds(e.service())).as("the held-out edge was real").contains(REGION);
            assertThat(e.stats().together()).isGreaterThanOrEqualTo(2);
            assertThat(e.kind()).isEqualTo("hosting");
        });
        assertThat(report.edges()).allSatisfy(e -> {
            int service = heldOutGraph.indexOf(e.service());
            assertThat(service < 0 || heldOutGraph.isService(service)).as("not a component").isTrue();
            assertThat(heldOutGraph.isService(heldOutGraph.indexOf(e.component()))).isFalse();
            assertThat(heldOutGraph.ancestorIds(e.service())).doesNotContain(e.component());
        });
    }

    @Test
    void with_the_full_catalog_nothing_it_already_explains_is_proposed_and_the_fragment_is_marked_unconfirmed() throws Exception {
        List<CatalogEntry> full = CatalogYaml.load(HOME.resolve("catalog"), Instant.now()).requireValid();
        DependencyGraph graph = CatalogEntities.graph(full);
        HealthHistory history = HealthHistory.fromReplays(List.of(AWS_2021, AWS_2025), full, graph);
        CoFailureReport report = CoFailureReport.of(new CoFailureMiner(graph, AN_HOUR_TWICE), history, graph, full);

        assertThat(history.healthChanges()).isPositive();
        assertThat(history.signals()).as("AWS's status posts are component evidence").isPositive();
        assertThat(history.sources()).hasSize(2);
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(report.yaml("test"));
        assertThat(report.yaml("test")).startsWith("# PROPOSED, NOT APPLIED.");
        assertThat(yaml.has("services")).as("cannot be loaded as a catalog file").isFalse();
        int edges = 0;
        for (JsonNode service : yaml.get("proposedEdges")) {
            for (JsonNode edge : service.get("dependsOn")) {
                edges++;
                assertThat(graph.ancestorIds(service.get("service").asText())).doesNotContain(edge.get("target").asText());
                assertThat(edge.get("evidence").asText()).isEqualTo("co-failure");
                assertThat(edge.get("confirmed").asBoolean()).isFalse();
            }
        }
        assertThat(edges).isEqualTo(report.edges().size());
        assertThat(report.servicePairs()).allSatisfy(p -> {
            Set<String> shared = new HashSet<>(graph.ancestorIds(p.serviceA()));
            shared.retainAll(graph.ancestorIds(p.serviceB()));
            assertThat(shared).isEmpty();
        });
    }
}
