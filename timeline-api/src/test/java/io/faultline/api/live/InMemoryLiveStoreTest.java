package io.faultline.api.live;

import static io.faultline.api.Fixtures.T0;
import static io.faultline.api.Fixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.Fixtures;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import org.junit.jupiter.api.Test;

class InMemoryLiveStoreTest {

    @Test
    void highestRevisionWinsWhateverTheArrivalOrder() {
        InMemoryLiveStore store = new InMemoryLiveStore();
        store.accept(Fixtures.awsIncident(2, "CONFIRMED"));
        store.accept(Fixtures.awsIncident(1, "SUSPECTED"));
        assertThat(store.incident(Fixtures.INCIDENT_ID)).hasValueSatisfying(d -> assertThat(d.incident().revision()).isEqualTo(2));
        store.accept(Fixtures.awsIncident(3, "RESOLVED"));
        assertThat(store.incidents(false)).isEmpty();
        assertThat(store.incidents(true)).hasSize(1);
    }

    @Test
    void latestHealthByEventTime() {
        InMemoryLiveStore store = new InMemoryLiveStore();
        store.accept(Fixtures.health("slack", "UP", T1));
        store.accept(Fixtures.health("slack", "DOWN", T0));
        assertThat(store.health("slack")).hasValueSatisfying(h -> assertThat(h.state()).isEqualTo("UP"));
        assertThat(store.notUp()).isEmpty();
    }

    @Test
    void keepsOnlyTheNewestResolvedIncidents() {
        InMemoryLiveStore store = new InMemoryLiveStore(2);
        for (int i = 0; i < 4; i++) {
            IncidentView v = Fixtures.awsIncident(1, "RESOLVED").incident();
            IncidentView renamed = new IncidentView("inc-" + i, 1, "RESOLVED", v.title(), v.cause(), v.provider(), v.region(),
                    v.serviceIds(), 1, 0, T0.plusSeconds(60L * i), T0, T1, T1);
            store.accept(new IncidentDetail(renamed, java.util.List.of(), java.util.List.of()));
        }
        assertThat(store.incidents(true)).extracting(d -> d.incident().id()).containsExactly("inc-3", "inc-2");
    }
}
