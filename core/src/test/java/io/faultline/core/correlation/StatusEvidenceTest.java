package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.component;
import static io.faultline.core.testing.TestCatalog.service;
import static io.faultline.core.testing.TestCatalog.services;
import static java.time.Duration.ofHours;
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

/**
 * web-1..5 sit behind both a CDN (fastly) and a DNS provider (dyn); dyn has one more customer, so
 * on counts alone fastly is the slightly better explanation when web-1..4 fail.
 */
class StatusEvidenceTest {

    private static DependencyGraph cdnAndDns() {
        List<CatalogEntity> entities = new ArrayList<>(List.of(
                component("fastly", EntityKind.CDN),
                component("dyn", EntityKind.DNS),
                service("web-6", "dyn")));
        entities.addAll(services("web", 5, "fastly", "dyn"));
        return DependencyGraph.of(entities);
    }

    private static Scenario webFails() {
        return new Scenario(cdnAndDns()).down(T0.plus(ofSeconds(30)), "web-1", "web-2", "web-3", "web-4");
    }

    @Test
    void withoutStatusPagesTheCountsDecideAndConfidenceIsShared() {
        Incident incident = AttributionTest.onlyIncident(webFails().runUntil(T0.plus(ofMinutes(2))));

        assertThat(incident.cause().componentId()).isEqualTo("fastly");
        assertThat(incident.cause().alternatives()).extracting(Attribution::componentId).containsExactly("dyn");
        assertThat(incident.cause().confidence()).isBetween(0.5, 0.75);
        assertThat(incident.state()).isEqualTo(IncidentState.SUSPECTED);
    }

    @Test
    void statusPageReportingTroubleInTimeBoostsTheComponentAndConfirmsAtOnce() {
        Incident incident = AttributionTest.onlyIncident(webFails()
                .status(T0.minus(ofMinutes(2)), "dyn", true)
                .runUntil(T0.plus(ofMinutes(1))));

        assertThat(incident.cause().componentId()).isEqualTo("dyn");
        assertThat(incident.cause().statusPageAgrees()).isTrue();
        assertThat(incident.cause().confidence()).isGreaterThan(0.8);
        assertThat(incident.cause().reasons()).anyMatch(reason -> reason.startsWith("its status page reports trouble since 2021-12-07T15:28:00Z, 2 min before"));
        assertThat(incident.state()).isEqualTo(IncidentState.CONFIRMED);
        assertThat(incident.timeline()).extracting(TimelineEntry::kind)
                .contains(TimelineKind.OPENED, TimelineKind.STATUS_PAGE, TimelineKind.CONFIRMED);
    }

    @Test
    void statusPageTroubleLongAfterTheDependentsIsPenalised() {
        Scenario control = webFails().runUntil(T0.plus(ofHours(2)).plus(ofMinutes(5)));
        Scenario late = webFails()
                .status(T0.plus(ofHours(2)), "fastly", true)
                .runUntil(T0.plus(ofHours(2)).plus(ofMinutes(5)));

        Incident withoutStatus = AttributionTest.onlyIncident(control);
        Incident withLateStatus = AttributionTest.onlyIncident(late);
        assertThat(withoutStatus.cause().componentId()).isEqualTo("fastly");
        assertThat(withLateStatus.id()).isEqualTo(withoutStatus.id());
        assertThat(withLateStatus.cause().componentId()).as("fastly's late trouble looks like a knock-on").isEqualTo("dyn");
        assertThat(withLateStatus.timeline()).extracting(TimelineEntry::kind).contains(TimelineKind.CAUSE_CHANGED);
        Attribution fastly = withLateStatus.cause().alternatives().get(0);
        assertThat(fastly.componentId()).isEqualTo("fastly");
        assertThat(fastly.reasons()).anyMatch(reason -> reason.contains("only 119 min after its dependents"));
    }

    @Test
    void ownHealthImpairedBeforeItsDependentsCountsForIt() {
        Incident incident = AttributionTest.onlyIncident(webFails()
                .down(T0, "dyn")
                .runUntil(T0.plus(ofMinutes(1))));

        assertThat(incident.cause().componentId()).isEqualTo("dyn");
        assertThat(incident.cause().reasons()).anyMatch(reason -> reason.startsWith("its own health is DOWN since"));
    }
}
