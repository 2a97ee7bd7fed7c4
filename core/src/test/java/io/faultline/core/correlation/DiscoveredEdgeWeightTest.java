package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyEdge;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.EntityKind;
import io.faultline.core.testing.Scenario;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unconfirmed (discovered) edges count, at a weight below declared ones, and the reasons say so. */
class DiscoveredEdgeWeightTest {

    /** A CDN with 8 dependents and a cloud with 8 others; the CDN edges confirmed or not. */
    static DependencyGraph catalog(boolean confirmed) {
        List<CatalogEntity> entities = new ArrayList<>(List.of(
                new CatalogEntity("edge-cdn", EntityKind.CDN, "Edge CDN", null, null, null, List.of()),
                new CatalogEntity("cloud", EntityKind.PROVIDER, "Cloud", null, null, null, List.of())));
        for (int i = 1; i <= 8; i++) {
            entities.add(new CatalogEntity("web-" + i, EntityKind.SERVICE, "web-" + i, null, null, null,
                    List.of(new DependencyEdge("edge-cdn", "cdn", "dns-records", "https://docs.example", confirmed))));
            entities.add(new CatalogEntity("app-" + i, EntityKind.SERVICE, "app-" + i, null, null, null,
                    List.of(DependencyEdge.of("cloud", "hosting"))));
        }
        return DependencyGraph.of(entities);
    }

    static Attribution cause(boolean confirmed) {
        Scenario s = new Scenario(catalog(confirmed))
                .down(T0.plus(ofSeconds(10)), "web-1", "web-2", "web-3")
                .down(T0.plus(ofSeconds(30)), "web-4", "web-5")
                .runUntil(T0.plus(ofMinutes(3)));
        assertThat(s.latest()).hasSize(1);
        return s.latest().values().iterator().next().cause();
    }

    @Test
    void aCdnKnownOnlyFromDiscoveredEdgesIsNamedWithAWeakerScoreAndSaysWhy() {
        Attribution discovered = cause(false);
        Attribution declared = cause(true);

        assertThat(discovered.componentId()).isEqualTo("edge-cdn");
        assertThat(discovered.impaired()).isEqualTo(5);
        assertThat(discovered.reasons()).anyMatch(r -> r.equals("5 of the 5 impaired dependents depend on it only through "
                + "unconfirmed discovered edges (DNS or IP-range evidence), counted at weight 0.5 of a declared edge (included in the weighted count above)"));
        assertThat(declared.componentId()).isEqualTo("edge-cdn");
        assertThat(declared.reasons()).noneMatch(r -> r.contains("unconfirmed"));
        assertThat(discovered.score()).as("discovered edges weigh less than declared ones").isLessThan(declared.score());
    }
}
