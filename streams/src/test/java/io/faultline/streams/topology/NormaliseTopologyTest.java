package io.faultline.streams.topology;

import static io.faultline.streams.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.DeadLetter;
import io.faultline.avro.EntityKind;
import io.faultline.avro.HealthState;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;
import io.faultline.streams.Fixtures;
import io.faultline.streams.PipelineSettings;
import io.faultline.streams.TopologyHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormaliseTopologyTest {

    static final Instant T1 = T0.plus(Duration.ofMinutes(1));
    static final Instant T2 = T0.plus(Duration.ofMinutes(2));

    @TempDir
    Path stateDir;
    TopologyHarness h;

    @BeforeEach
    void start() {
        var registry = Fixtures.registry();
        h = new TopologyHarness(registry, FaultlineTopology.normaliseOnly(io.faultline.schemas.Topics.defaults(), registry,
                PipelineSettings.defaults(), new CatalogVersion(), StoreKind.IN_MEMORY), stateDir);
        h.catalog(Fixtures.catalog());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void statusPagesOfProvidersBecomeSignalsKeyedByTheirRegion() {
        h.raw(Fixtures.component("aws", "EC2 (N. Virginia)", ComponentStatus.MAJOR_OUTAGE, T1), T1);
        h.raw(Fixtures.awsIncident("ec2-1207", T2, IncidentStatus.INVESTIGATING), T2);
        h.raw(Fixtures.component("aws", "Amazon CloudFront", ComponentStatus.DEGRADED_PERFORMANCE, T2), T2);
        var out = h.signals.readKeyValuesToList();
        assertThat(out).extracting(kv -> kv.key).containsExactly("aws/us-east-1", "aws/us-east-1", "aws");
        assertThat(out).allSatisfy(kv -> assertThat(kv.value.getSource()).isEqualTo(SignalSource.STATUS_PAGE));
        assertThat(out.get(0).value.getObservedState()).isEqualTo(HealthState.DOWN);
        assertThat(out.get(0).value.getRegion()).isEqualTo("us-east-1");
    }

    @Test
    void probesAndPostsResolveOutOfOrderAndFalseFriendsAreDropped() {
        h.raw(Fixtures.probe("coinbase", 0, T2, false), T2);
        h.raw(Fixtures.probe("venmo", 1, T1, true), T1);              // older than the one before
        h.raw(Fixtures.post("1", "is Slack down? not loading at all", T0), T0);
        h.raw(Fixtures.post("2", "Coinbase down 5% after earnings, bearish", T1), T1);
        h.raw(Fixtures.probe("unknown-service", 0, T2, false), T2);
        List<ServiceSignal> out = TopologyHarness.values(h.signals);
        assertThat(out).extracting(ServiceSignal::getEntityId, ServiceSignal::getSource, ServiceSignal::getObservedState)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("coinbase", SignalSource.PROBE, HealthState.DOWN),
                        org.assertj.core.groups.Tuple.tuple("venmo", SignalSource.PROBE, HealthState.UP),
                        org.assertj.core.groups.Tuple.tuple("slack", SignalSource.SOCIAL, HealthState.DEGRADED));
        assertThat(out.get(1).getEventTime()).isEqualTo(T1);
    }

    @Test
    void theSameObservationTwiceYieldsOneSignal() {
        var probe = Fixtures.probe("coinbase", 0, T1, false);
        h.raw(probe, T1);
        h.raw(Fixtures.probe("coinbase", 1, T1, false), T1);
        h.raw(probe, T2);                                        // poller restart re-sends it
        h.raw(Fixtures.awsIncident("i", T1, IncidentStatus.INVESTIGATING), T1);
        h.raw(Fixtures.awsIncident("i", T1, IncidentStatus.INVESTIGATING), T2);
        assertThat(TopologyHarness.values(h.signals)).extracting(ServiceSignal::getSignalId).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void aCopyIsADuplicateUpToTheRetentionApartAndNewBeyondIt() {
        // the store files keys under buckets of retention / 8; these copies straddle bucket
        // boundaries, so the decision must come from the exact times, as in the offline pipeline
        Duration retention = PipelineSettings.defaults().dedupeRetention();
        Instant first = T0.plusMillis(DedupeProcessor.bucket(retention).toMillis() - 1);
        var probe = Fixtures.probe("coinbase", 0, first, false);
        h.raw(probe, first);
        h.raw(probe, first.plus(retention));                     // exactly the retention later: a copy
        h.raw(probe, first.plus(retention).plusMillis(1));       // one millisecond beyond: new
        h.raw(probe, first.plusMillis(1));                       // late: exactly the retention before the one kept last
        assertThat(TopologyHarness.values(h.signals)).hasSize(2);
    }

    @Test
    void undecodableRecordsGoToTheDeadLetterTopicAndTheRestFlows() {
        h.rawBytes(h.topics.rawProbe.name(), "coinbase", new byte[] {1, 2, 3, 4, 5, 6}, T1);
        h.rawBytes(h.topics.rawSocial.name(), "x:1", new byte[] {0, 0}, T1);
        h.raw(Fixtures.probe("coinbase", 0, T2, false), T2);
        List<DeadLetter> dead = TopologyHarness.values(h.deadLetters);
        assertThat(dead).extracting(DeadLetter::getErrorType).containsExactly("UNKNOWN_MAGIC_BYTE", "TRUNCATED");
        assertThat(dead.get(0).getOriginalTopic()).isEqualTo(h.topics.rawProbe.name());
        assertThat(dead.get(0).getPayload().remaining()).isEqualTo(6);
        assertThat(dead.get(0).getReason()).contains("magic byte");
        assertThat(TopologyHarness.values(h.signals)).extracting(ServiceSignal::getEntityId).containsExactly("coinbase");
    }

    @Test
    void catalogEditsApplyWithoutRestart() {
        h.raw(Fixtures.probe("robinhood", 0, T1, false), T1);
        assertThat(TopologyHarness.values(h.signals)).isEmpty();
        h.catalog(List.of(Fixtures.entity("robinhood", EntityKind.SERVICE, "Robinhood", null, null, List.of(),
                List.of("robinhood"), List.of("robinhood.com"))));
        h.raw(Fixtures.probe("robinhood", 0, T2, false), T2);
        assertThat(TopologyHarness.values(h.signals)).extracting(ServiceSignal::getEntityId).containsExactly("robinhood");
        // a tombstone removes it again
        h.driver.createInputTopic(h.topics.catalog.name(), new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer()).pipeInput("robinhood", null, T2);
        h.raw(Fixtures.probe("robinhood", 1, T2, false), T2);
        assertThat(TopologyHarness.values(h.signals)).isEmpty();
    }
}
