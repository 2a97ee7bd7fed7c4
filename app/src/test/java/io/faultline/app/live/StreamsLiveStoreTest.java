package io.faultline.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.live.LiveStoreUnavailable;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.streams.live.LiveHealthView;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.junit.jupiter.api.Test;

class StreamsLiveStoreTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:32:00Z");
    static final Instant T1 = Instant.parse("2021-12-07T15:35:00Z");
    static final Instant T2 = Instant.parse("2021-12-07T15:41:00Z");

    /** What the interactive-query view would answer: latest change per entity, impaired ones by id. */
    static final class Fixed implements LiveHealthView {
        final Map<String, ServiceHealth> byId = new TreeMap<>();

        Fixed(ServiceHealth... changes) {
            for (ServiceHealth h : changes) {
                byId.put(h.getServiceId(), h);
            }
        }

        @Override
        public Optional<ServiceHealth> health(String entityId) {
            return Optional.ofNullable(byId.get(entityId));
        }

        @Override
        public List<ServiceHealth> impaired() {
            return byId.values().stream().filter(h -> h.getState() != HealthState.UP).toList();
        }
    }

    /** A view whose store is not queryable, as while Kafka Streams starts or rebalances. */
    static final class NotQueryable implements LiveHealthView {
        @Override
        public Optional<ServiceHealth> health(String entityId) {
            throw new StreamsNotStartedException("KafkaStreams has not been started");
        }

        @Override
        public List<ServiceHealth> impaired() {
            throw new InvalidStateStoreException("the state store, health-latest-store, may have migrated to another instance");
        }
    }

    static ServiceHealth change(String id, HealthState state, HealthState previous, Instant at) {
        return ServiceHealth.newBuilder().setServiceId(id).setState(state).setPreviousState(previous).setConfidence(0.9)
                .setSince(at).setEventTime(at).setRegion("us-east-1").setEvidence(List.of()).build();
    }

    @Test
    void healthIsTheInteractiveQueryAnswerMapped() {
        StreamsLiveStore store = new StreamsLiveStore(new Fixed(change("coinbase", HealthState.DOWN, HealthState.UP, T0)),
                () -> "RUNNING", new InMemoryLiveStore());
        assertThat(store.health("coinbase")).hasValueSatisfying(h -> {
            assertThat(h.state()).isEqualTo("DOWN");
            assertThat(h.previousState()).isEqualTo("UP");
            assertThat(h.since()).isEqualTo(T0);
            assertThat(h.region()).isEqualTo("us-east-1");
        });
        assertThat(store.health("never-changed")).isEmpty();
        assertThat(store.healthVersion()).as("IQ answers are never cached").isEmpty();
    }

    @Test
    void notUpIsNewestChangeFirstAsTheApiPromises() {
        StreamsLiveStore store = new StreamsLiveStore(new Fixed(
                change("coinbase", HealthState.DOWN, HealthState.UP, T0),
                change("slack", HealthState.DEGRADED, HealthState.UP, T1),
                change("venmo", HealthState.UP, HealthState.DOWN, T2)), () -> "RUNNING", new InMemoryLiveStore());
        assertThat(store.notUp()).extracting(HealthView::serviceId).containsExactly("slack", "coinbase");
    }

    @Test
    void aStoreThatIsNotQueryableIsUnavailableNamingTheStreamsState() {
        StreamsLiveStore store = new StreamsLiveStore(new NotQueryable(), () -> "REBALANCING", new InMemoryLiveStore());
        assertThatThrownBy(() -> store.health("coinbase")).isInstanceOf(LiveStoreUnavailable.class)
                .hasMessageContaining("REBALANCING").hasCauseInstanceOf(StreamsNotStartedException.class);
        assertThatThrownBy(store::notUp).isInstanceOf(LiveStoreUnavailable.class).hasMessageContaining("not queryable yet");
    }

    @Test
    void incidentsComeFromTheIncidentStoreWithItsVersion() {
        InMemoryLiveStore incidents = new InMemoryLiveStore();
        StreamsLiveStore store = new StreamsLiveStore(new NotQueryable(), () -> "RUNNING", incidents);
        long before = store.incidentsVersion().orElseThrow();
        IncidentView v = new IncidentView("inc-1", 1, "SUSPECTED", "AWS us-east-1", null, "aws", "us-east-1", List.of("coinbase"),
                1, 1, T1, T0, null, T1);
        incidents.accept(new IncidentDetail(v, List.of(), List.of()));
        assertThat(store.incidents(false)).extracting(d -> d.incident().id()).containsExactly("inc-1");
        assertThat(store.incident("inc-1")).isPresent();
        assertThat(store.incidentsVersion().orElseThrow()).isGreaterThan(before);
    }
}
