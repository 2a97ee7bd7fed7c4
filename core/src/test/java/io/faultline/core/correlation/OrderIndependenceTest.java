package io.faultline.core.correlation;

import static io.faultline.core.testing.Scenario.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.testing.TestCatalog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Within one tick, the order updates arrive in must not change anything the engine emits. */
class OrderIndependenceTest {

    private static final DependencyGraph GRAPH = TestCatalog.cloud();
    private static final List<String> SERVICES = GRAPH.entities().stream()
            .filter(CatalogEntity::isService).map(CatalogEntity::id).toList();
    private static final int MINUTES = 6;

    record Update(String service, HealthLevel level, double confidence, int minute, int second, String region) {
        HealthUpdate toHealth() {
            return new HealthUpdate(service, level, confidence, T0.plusSeconds(60L * minute + second), region);
        }
    }

    @Property(tries = 150)
    void resultsDoNotDependOnArrivalOrderWithinATick(@ForAll("updates") List<Update> updates, @ForAll long seed) {
        List<Update> shuffled = new ArrayList<>(updates);
        Collections.shuffle(shuffled, new Random(seed));

        Run inOrder = run(updates);
        Run reordered = run(shuffled);
        Statistics.label("incidents").collect(inOrder.revisions.isEmpty() ? "none" : "some");

        assertThat(reordered.revisions).isEqualTo(inOrder.revisions);
        assertThat(reordered.engine.stats()).isEqualTo(inOrder.engine.stats());
        for (CatalogEntity entity : GRAPH.entities()) {
            assertThat(reordered.engine.component(entity.id())).isEqualTo(inOrder.engine.component(entity.id()));
        }
        Statistics.label("incidents").coverage(coverage -> coverage.check("some").percentage(share -> share > 40));
    }

    private record Run(CorrelationEngine engine, List<Incident> revisions) {
    }

    /** Delivers each minute's updates in list order, then ticks at the end of that minute. */
    private static Run run(List<Update> updates) {
        CorrelationEngine engine = CorrelationEngine.create(GRAPH, CorrelationConfig.defaults());
        List<Incident> revisions = new ArrayList<>();
        for (int minute = 0; minute < MINUTES + 12; minute++) {
            for (Update update : updates) {
                if (update.minute() == minute) {
                    engine.onHealth(update.toHealth());
                }
            }
            revisions.addAll(engine.tick(T0.plusSeconds(60L * (minute + 1))));
        }
        return new Run(engine, revisions);
    }

    @Provide
    Arbitrary<List<Update>> updates() {
        // half the updates hit us-east-1's dependents, so that incidents do happen
        Arbitrary<String> service = Arbitraries.oneOf(Arbitraries.of(SERVICES),
                Arbitraries.of("use1-1", "use1-2", "use1-3", "use1-4", "use1-5", "use1-6", "multi-1", "multi-2"));
        Arbitrary<Update> update = Combinators.combine(
                service,
                Arbitraries.of(HealthLevel.DOWN, HealthLevel.DOWN, HealthLevel.DEGRADED, HealthLevel.UP, HealthLevel.UNKNOWN),
                Arbitraries.of(0.3, 0.7, 1.0),
                Arbitraries.integers().between(0, MINUTES - 1),
                Arbitraries.integers().between(0, 59),
                Arbitraries.of("us-east-1", "eu-west-1", "mars-north-1", "").map(r -> r.isEmpty() ? null : r))
                .as(Update::new);
        return update.list().ofMinSize(10).ofMaxSize(120);
    }

    @Property(tries = 50)
    void sameTimeTiesAreBrokenByContentNotArrival(@ForAll("sameInstant") List<Update> updates, @ForAll long seed) {
        List<Update> shuffled = new ArrayList<>(updates);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(run(shuffled).revisions).isEqualTo(run(updates).revisions);
    }

    @Provide
    Arbitrary<List<Update>> sameInstant() {
        Arbitrary<Update> update = Combinators.combine(
                Arbitraries.of("use1-1", "use1-2", "use1-3", "use1-4", "use1-5"),
                Arbitraries.of(HealthLevel.values()),
                Arbitraries.of(0.4, 1.0),
                Arbitraries.of("us-east-1", "eu-west-1", "").map(r -> r.isEmpty() ? null : r))
                .as((service, level, confidence, region) -> new Update(service, level, confidence, 0, 30, region));
        return update.list().ofMinSize(3).ofMaxSize(40);
    }

}
