package io.faultline.streams.topology;

import static io.faultline.streams.Fixtures.OUTAGE_END;
import static io.faultline.streams.Fixtures.OUTAGE_START;
import static io.faultline.streams.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;
import io.faultline.schemas.Topics;
import io.faultline.streams.Fixtures;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.TopologyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTopologyTest {

    @TempDir
    Path stateDir;
    TopologyHarness h;

    @BeforeEach
    void start() {
        var registry = Fixtures.registry();
        h = new TopologyHarness(registry, FaultlineTopology.healthOnly(Topics.defaults(), registry, PipelineSettings.defaults(),
                StoreKind.IN_MEMORY),
                stateDir);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    static ServiceSignal probe(String entity, int vantage, Instant t, boolean ok) {
        return ServiceSignal.newBuilder().setSignalId("r" + vantage + t + entity).setEntityId(entity).setSource(SignalSource.PROBE)
                .setObservedState(ok ? HealthState.UP : HealthState.DOWN).setStrength(1.0).setVantage("replay-v" + vantage)
                .setDetail(ok ? "ok" : "timeout").setEventTime(t).setObservedAt(t).build();
    }

    @Test
    void vantagesFailingTogetherTurnDownWithinMinutesAndRecoverWithHysteresisOutOfOrder() {
        List<ServiceSignal> in = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            Instant round = T0.plus(Duration.ofMinutes(m));
            for (int v = 0; v < 6; v++) {
                Instant t = round.plusSeconds(v * 7L);
                boolean failing = !t.isBefore(OUTAGE_START) && t.isBefore(OUTAGE_END);
                in.add(probe("coinbase", v, t, !failing));
                in.add(probe("netflix", v, t, true));
            }
        }
        Fixtures.shuffledLocally(Fixtures.shuffledLocally(in.stream().map(s -> new Fixtures.Timed(s, s.getEventTime())).toList()))
                .forEach(t -> h.signal((ServiceSignal) t.value()));

        List<ServiceHealth> changes = TopologyHarness.values(h.health);
        assertThat(changes).extracting(ServiceHealth::getServiceId).containsOnly("coinbase");
        assertThat(changes).extracting(ServiceHealth::getState).containsExactly(HealthState.DEGRADED, HealthState.DOWN, HealthState.UP);
        assertThat(changes.get(1).getEventTime()).isBetween(OUTAGE_START, OUTAGE_START.plus(Duration.ofMinutes(3)));
        assertThat(changes.get(1).getEvidence()).isNotEmpty();
        assertThat(changes.get(1).getEvidence().get(0).getSource()).isEqualTo(SignalSource.PROBE);
        assertThat(changes.get(2).getEventTime()).isAfterOrEqualTo(OUTAGE_END.plus(Duration.ofMinutes(3)));
        // only changes: no two consecutive records with the same state
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).getPreviousState()).isEqualTo(changes.get(i - 1).getState());
        }
    }

    @Test
    void punctuationOnStreamTimeLetsEvidenceAgeOut() {
        Instant t = OUTAGE_START;
        for (int v = 0; v < 6; v++) {
            h.signal(probe("coinbase", v, t.plusSeconds(v), false));
        }
        // six of six failing at once, no earlier successes: straight to DOWN
        assertThat(TopologyHarness.values(h.health)).extracting(ServiceHealth::getState).containsExactly(HealthState.DOWN);
        // no more coinbase probes; another service's signals move stream time on
        for (int m = 1; m <= 10; m++) {
            h.signal(probe("netflix", 0, t.plus(Duration.ofMinutes(m)), true));
        }
        List<ServiceHealth> later = TopologyHarness.values(h.health);
        assertThat(later).singleElement().satisfies(c -> {
            assertThat(c.getServiceId()).isEqualTo("coinbase");
            assertThat(c.getState()).isEqualTo(HealthState.UP);
        });
    }

    @Test
    void undecodableSignalsAreDeadLettered() {
        h.driver.createInputTopic(h.topics.signals.name(), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer()).pipeInput("coinbase", new byte[] {9, 9, 9, 9, 9, 9}, T0);
        for (int v = 0; v < 6; v++) {
            h.signal(probe("coinbase", v, OUTAGE_START, false));
        }
        assertThat(TopologyHarness.values(h.deadLetters)).extracting(DeadLetter::getErrorType).containsExactly("UNKNOWN_MAGIC_BYTE");
        assertThat(TopologyHarness.values(h.health)).isNotEmpty();
    }
}
