package io.faultline.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.HealthUpdate;
import io.faultline.core.testing.TestCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoFailureMinerTest {

    private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    /** shop-1..3 share no component; pay-1, pay-2 share the payments processor "psp". */
    private static DependencyGraph graph() {
        return DependencyGraph.of(List.of(
                TestCatalog.component("psp", io.faultline.core.catalog.EntityKind.PAYMENTS),
                TestCatalog.service("shop-1"), TestCatalog.service("shop-2"), TestCatalog.service("shop-3"),
                TestCatalog.service("pay-1", "psp"), TestCatalog.service("pay-2", "psp"),
                TestCatalog.service("flaky"), TestCatalog.service("loner")));
    }

    private static void episode(List<HealthUpdate> history, String service, Instant start) {
        history.add(HealthUpdate.of(service, HealthLevel.DOWN, start));
        history.add(HealthUpdate.of(service, HealthLevel.UP, start.plus(Duration.ofMinutes(20))));
    }

    /** Four days on which shop-1..3 fail within minutes of each other, and pay-1/pay-2 do too. */
    private static List<HealthUpdate> history() {
        List<HealthUpdate> h = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            Instant day = T0.plus(DAY.multipliedBy(d * 3L)).plus(Duration.ofHours(3 + d));
            episode(h, "shop-1", day);
            episode(h, "shop-2", day.plus(Duration.ofMinutes(2)));
            episode(h, "shop-3", day.plus(Duration.ofMinutes(5)));
            episode(h, "pay-1", day.plus(Duration.ofHours(5)));
            episode(h, "pay-2", day.plus(Duration.ofHours(5)).plusSeconds(40));
        }
        for (int i = 0; i < 40; i++) { // fails twice a day, now and then at the same time as shop-1
            episode(h, "flaky", T0.plus(Duration.ofHours(3)).plus(Duration.ofHours(12).multipliedBy(i)));
        }
        episode(h, "loner", T0.plus(Duration.ofHours(3)).plusSeconds(10));
        return h;
    }

    @Test
    void servicesThatRepeatedlyFailTogetherWithoutASharedComponentAreProposed() {
        CoFailureMiner miner = new CoFailureMiner(graph(), CoFailureMiner.Settings.defaults());

        List<CoFailureMiner.PairProposal> pairs = miner.pairs(history());

        assertThat(pairs).extracting(p -> p.serviceA() + "+" + p.serviceB())
                .containsExactlyInAnyOrder("shop-1+shop-2", "shop-1+shop-3", "shop-2+shop-3");
        assertThat(pairs).allSatisfy(p -> {
            assertThat(p.together()).isEqualTo(4);
            assertThat(p.jaccard()).isEqualTo(1.0);
            assertThat(p.lift()).isGreaterThan(10);
            assertThat(p.whenTogether()).hasSize(4);
        });
        assertThat(miner.groups(history())).singleElement()
                .satisfies(g -> assertThat(g.services()).containsExactly("shop-1", "shop-2", "shop-3"));
    }

    @Test
    void aPairThatSharesAKnownComponentIsAlreadyExplained() {
        List<CoFailureMiner.PairProposal> pairs = new CoFailureMiner(graph(), CoFailureMiner.Settings.defaults())
                .pairs(history());

        assertThat(pairs).noneMatch(p -> p.serviceA().startsWith("pay"));
    }

    @Test
    void aServiceFailingWithAComponentItIsKnownToDependOnIsAlreadyExplained() {
        List<HealthUpdate> h = new ArrayList<>();
        for (int d = 0; d < 4; d++) { // psp's own trouble, with pay-1 (depends on psp) and shop-1 (does not)
            Instant day = T0.plus(DAY.multipliedBy(d * 2L)).plus(Duration.ofHours(9));
            episode(h, "psp", day);
            episode(h, "pay-1", day.plus(Duration.ofMinutes(1)));
            episode(h, "shop-1", day.plus(Duration.ofMinutes(3)));
        }

        List<CoFailureMiner.PairProposal> pairs = new CoFailureMiner(graph(), CoFailureMiner.Settings.defaults()).pairs(h);

        assertThat(pairs).extracting(p -> p.serviceA() + "+" + p.serviceB())
                .containsExactlyInAnyOrder("psp+shop-1", "pay-1+shop-1");
    }

    @Test
    void anAlwaysFailingServiceDoesNotPairWithWhatItHappensToOverlap() {
        List<CoFailureMiner.PairProposal> pairs = new CoFailureMiner(graph(),
                new CoFailureMiner.Settings(Duration.ofMinutes(10), 2, 0.5, 1.0)).pairs(history());

        assertThat(pairs).noneMatch(p -> p.serviceA().equals("flaky") || p.serviceB().equals("flaky"));
    }

    @Test
    void belowMinimumSupportNothingIsProposed() {
        List<CoFailureMiner.PairProposal> pairs = new CoFailureMiner(graph(),
                new CoFailureMiner.Settings(Duration.ofMinutes(10), 5, 0.5, 1.0)).pairs(history());

        assertThat(pairs).isEmpty();
        assertThat(new CoFailureMiner(graph(), CoFailureMiner.Settings.defaults()).pairs(List.of())).isEmpty();
    }

    @Test
    void settingsAreValidatedNamingTheSetting() {
        assertThatThrownBy(() -> new CoFailureMiner.Settings(Duration.ofMinutes(10), 1, 0.5, 10))
                .hasMessageContaining("minSupport");
        assertThatThrownBy(() -> new CoFailureMiner.Settings(Duration.ZERO, 3, 0.5, 10)).hasMessageContaining("window");
    }
}
