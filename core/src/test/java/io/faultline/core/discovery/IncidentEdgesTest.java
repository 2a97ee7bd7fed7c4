package io.faultline.core.discovery;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.component;
import static io.faultline.core.testing.TestCatalog.provider;
import static io.faultline.core.testing.TestCatalog.service;
import static io.faultline.core.testing.TestCatalog.services;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.EntityKind;
import io.faultline.core.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A confirmed incident whose cause was named from its status page proposes the edges the catalog lacks. */
class IncidentEdgesTest {

    private static final String[] SHOPS = {"shop-1", "shop-2", "shop-3", "shop-4", "shop-5", "shop-6"};

    private static DependencyGraph catalog() {
        List<CatalogEntity> entities = new ArrayList<>(List.of(provider("azure"),
                component("azure/frontdoor", EntityKind.CDN, "azure"), service("portal", "azure/frontdoor")));
        entities.addAll(services("shop", 6));
        entities.addAll(services("quiet", 90));
        return DependencyGraph.of(entities);
    }

    @Test
    void membersWithoutAnEdgeToTheConfirmedCauseAreProposedOnce() {
        DependencyGraph graph = catalog();
        Scenario scenario = new Scenario(graph)
                .down(T0.plus(ofSeconds(30)), SHOPS)
                .down(T0.plus(ofSeconds(40)), "portal")
                .status(T0.plus(ofMinutes(20)), "azure/frontdoor", true)
                .runUntil(T0.plus(ofMinutes(40)));

        List<IncidentEdges.Proposal> proposals = IncidentEdges.from(graph, scenario.revisions());

        assertThat(proposals).extracting(IncidentEdges.Proposal::service).containsExactly(SHOPS);
        assertThat(proposals).extracting(IncidentEdges.Proposal::component).containsOnly("azure/frontdoor");
        assertThat(proposals.get(0).why()).startsWith("status page reports azure/frontdoor trouble at 15:50");
    }

    @Test
    void anIncidentThatWasNeverConfirmedProposesNothing() {
        DependencyGraph graph = catalog();
        Scenario scenario = new Scenario(graph)
                .down(T0.plus(ofSeconds(30)), SHOPS)
                .up(T0.plus(ofMinutes(2)), SHOPS)
                .runUntil(T0.plus(ofMinutes(30)));

        assertThat(scenario.revisions()).isNotEmpty();
        assertThat(IncidentEdges.from(graph, scenario.revisions())).isEmpty();
    }
}
