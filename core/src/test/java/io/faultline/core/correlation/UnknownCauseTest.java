package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static io.faultline.core.testing.TestCatalog.component;
import static io.faultline.core.testing.TestCatalog.provider;
import static io.faultline.core.testing.TestCatalog.service;
import static io.faultline.core.testing.TestCatalog.serviceIn;
import static io.faultline.core.testing.TestCatalog.services;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.EntityKind;
import io.faultline.core.testing.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Services with no catalog edge between them fail together: an unknown-cause incident, and a
 * likely cause named from a component's own status page. The catalog: 100 services, ten of them
 * ("shop-1..10") with no edges at all, 88 healthy ones, and "azure" with its CDN "azure/frontdoor"
 * (one known customer, "portal", which stays healthy).
 */
class UnknownCauseTest {

    private static final Instant SHOPS_DOWN = T0.plus(ofSeconds(30));

    private static DependencyGraph catalog() {
        List<CatalogEntity> entities = new ArrayList<>(List.of(
                provider("azure"),
                component("azure/frontdoor", EntityKind.CDN, "azure"),
                service("portal", "azure/frontdoor"),
                provider("gcp")));
        entities.addAll(services("shop", 10));
        entities.addAll(services("quiet", 85));
        entities.addAll(services("hosted", 4, "gcp"));
        return DependencyGraph.of(entities);
    }

    private static String[] shops() {
        String[] shops = new String[10];
        for (int i = 0; i < shops.length; i++) {
            shops[i] = "shop-" + (i + 1);
        }
        return shops;
    }

    /**
     * After a quiet day (so the base rate is learnt, not the prior), shop-1..10 fail six minutes
     * apart: never more than two start inside one ten-minute window, fewer than minImpaired.
     */
    private static Scenario staggered(CorrelationConfig config) {
        Instant day = T0.plus(ofHours(24));
        Scenario scenario = new Scenario(catalog(), config).runUntil(day);
        String[] shops = shops();
        for (int i = 0; i < shops.length; i++) {
            scenario.down(day.plus(ofMinutes(6L * i)), shops[i]);
        }
        return scenario.runUntil(day.plus(ofMinutes(70)));
    }

    @Test
    void servicesFailingOneAfterAnotherOpenAnUnknownCauseIncident() {
        Incident incident = AttributionTest.onlyIncident(staggered(CorrelationConfig.defaults()));

        assertThat(incident.cause().isUnknownCause()).isTrue();
        assertThat(incident.members()).extracting(IncidentMember::serviceId).contains(shops());
        assertThat(incident.cause().reasons()).anyMatch(reason -> reason.contains("services whose impairment started within"));
    }

    @Test
    void withOneWindowOfOnsetTheSameFailuresNeverOpenAnIncident() {
        CorrelationConfig oneWindow = CorrelationConfig.builder().unknownOnset(CorrelationConfig.WINDOW).build();

        assertThat(staggered(oneWindow).revisions()).isEmpty();
    }

    @Test
    void aStatusPageInTheSameWindowNamesTheMostSpecificComponentWithLowerConfidence() {
        Scenario scenario = new Scenario(catalog())
                .down(SHOPS_DOWN, shops())
                .status(T0.plus(ofMinutes(48)), "azure", true)
                .status(T0.plus(ofMinutes(48)), "azure/frontdoor", true)
                .runUntil(T0.plus(ofMinutes(55)));

        Incident incident = AttributionTest.onlyIncident(scenario);
        assertThat(incident.cause().componentId()).isEqualTo("azure/frontdoor");
        assertThat(incident.cause().statusPageAgrees()).isTrue();
        assertThat(incident.cause().confidence()).isLessThanOrEqualTo(0.5);
        assertThat(incident.cause().reasons()).first().isEqualTo(
                "status page reports azure/frontdoor trouble at 16:18; 10 services without a known edge to it failed from 15:30");
        assertThat(incident.members()).extracting(IncidentMember::serviceId).containsExactlyInAnyOrder(shops());
        assertThat(incident.timeline()).extracting(TimelineEntry::kind).contains(TimelineKind.CAUSE_CHANGED);
    }

    @Test
    void theNamedIncidentStaysOpenWhileItsServicesAreDown() {
        Scenario scenario = new Scenario(catalog())
                .down(SHOPS_DOWN, shops())
                .status(T0.plus(ofMinutes(20)), "azure/frontdoor", true)
                .runUntil(T0.plus(ofHours(2)));

        Incident incident = AttributionTest.onlyIncident(scenario);
        assertThat(incident.cause().componentId()).isEqualTo("azure/frontdoor");
        assertThat(incident.state()).isNotEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void troubleThatStartsLongAfterOrLongBeforeIsNotBlamed() {
        Scenario late = new Scenario(catalog())
                .down(SHOPS_DOWN, shops())
                .status(T0.plus(ofHours(3)), "azure/frontdoor", true)
                .runUntil(T0.plus(ofHours(3)).plus(ofMinutes(5)));
        Scenario early = new Scenario(catalog())
                .status(T0.plus(ofMinutes(1)), "azure/frontdoor", true)
                .down(T0.plus(ofHours(3)), shops())
                .status(T0.plus(ofHours(3)), "azure/frontdoor", true)
                .runUntil(T0.plus(ofHours(3)).plus(ofMinutes(5)));

        assertThat(AttributionTest.onlyIncident(late).cause().isUnknownCause()).isTrue();
        assertThat(AttributionTest.onlyIncident(early).cause().isUnknownCause()).isTrue();
    }

    @Test
    void whatMostOfAGroupSharesIsReportedWithItsCount() {
        List<CatalogEntity> entities = new ArrayList<>(services("quiet", 90));
        for (int i = 1; i <= 6; i++) {
            entities.add(serviceIn("us-" + i, "US", i <= 4 ? "retail" : "media"));
        }
        Scenario scenario = new Scenario(DependencyGraph.of(entities))
                .down(SHOPS_DOWN, "us-1", "us-2", "us-3", "us-4", "us-5", "us-6")
                .runUntil(T0.plus(ofMinutes(3)));

        Incident incident = AttributionTest.onlyIncident(scenario);
        assertThat(incident.cause().isUnknownCause()).isTrue();
        assertThat(incident.commonAttributes())
                .containsExactlyInAnyOrderEntriesOf(Map.of("country", "US", "mostly.category", "retail (4 of 6)"));
    }

    /**
     * With no history, ten of 210 services fail three minutes apart: before any incident holds them,
     * their failures must not teach the root's base rate that so many failures are normal (without
     * that guard the rate climbs with them and nothing ever opens).
     */
    @Test
    void anOutageBuildingUpDoesNotTeachItselfAsNormal() {
        List<CatalogEntity> entities = new ArrayList<>(services("quiet", 200));
        entities.addAll(services("shop", 10));
        Scenario scenario = new Scenario(DependencyGraph.of(entities));
        String[] shops = shops();
        for (int i = 0; i < shops.length; i++) {
            scenario.down(T0.plus(ofMinutes(1 + 3L * i)).plus(ofSeconds(20)), shops[i]);
        }
        scenario.runUntil(T0.plus(ofMinutes(61)));

        Incident incident = AttributionTest.onlyIncident(scenario);
        assertThat(incident.cause().isUnknownCause()).isTrue();
        assertThat(incident.members()).extracting(IncidentMember::serviceId).containsExactlyInAnyOrder(shops);
    }
}
