package io.faultline.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.signal.Signal;
import io.faultline.core.signal.SignalSource;
import org.junit.jupiter.api.Test;

class ServiceHealthMachineTest {

    static final Instant T0 = Instant.parse("2021-12-07T15:00:00Z");
    static final Instant OUTAGE_START = T0.plus(Duration.ofMinutes(10));
    static final Instant OUTAGE_END = T0.plus(Duration.ofMinutes(40));
    static final int VANTAGES = 6;

    final HealthConfig config = HealthConfig.defaults();
    final List<HealthChange> changes = new ArrayList<>();

    static Signal probe(String entity, int vantage, Instant t, boolean ok) {
        return new Signal("r:" + vantage + ":" + t + "->" + entity, entity, SignalSource.PROBE,
                ok ? HealthLevel.UP : HealthLevel.DOWN, 1.0, null, "replay-v" + vantage, null, ok ? "ok" : "timeout", null, t, t);
    }

    static Signal status(String entity, String key, HealthLevel level, double strength, Instant t) {
        return new Signal("s:" + key + ":" + t, entity, SignalSource.STATUS_PAGE, level, strength, "us-east-1", key, null,
                key + " " + level, null, t, t);
    }

    static Signal post(String entity, int n, Instant t) {
        return new Signal("p:" + n, entity, SignalSource.SOCIAL, HealthLevel.DEGRADED, 0.1, null, "author" + n, null, "post", null, t, t);
    }

    /** One probe round per minute from every vantage; vantages fail inside [failFrom, failTo) when {@code failing(v, minute)}. */
    void probeRounds(ServiceHealthMachine m, int minutes, java.util.function.BiPredicate<Integer, Instant> failing) {
        for (int minute = 0; minute < minutes; minute++) {
            Instant round = T0.plus(Duration.ofMinutes(minute));
            for (int v = 0; v < VANTAGES; v++) {
                Instant t = round.plusSeconds(v * 5L);
                m.apply(probe(m.entityId(), v, t, !failing.test(v, t))).ifPresent(changes::add);
            }
            m.advanceTo(round.plusSeconds(30)).ifPresent(changes::add);
        }
    }

    static boolean inOutage(Instant t) {
        return !t.isBefore(OUTAGE_START) && t.isBefore(OUTAGE_END);
    }

    @Test
    void probeOutageGoesDownWithinMinutesAndRecoversAfterTheHold() {
        ServiceHealthMachine m = new ServiceHealthMachine("coinbase", config);
        probeRounds(m, 60, (v, t) -> inOutage(t));

        assertThat(changes).extracting(HealthChange::state)
                .containsExactly(HealthLevel.DEGRADED, HealthLevel.DOWN, HealthLevel.UP);
        HealthChange down = changes.get(1);
        assertThat(Duration.between(OUTAGE_START, down.eventTime())).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(down.evidence()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(SignalSource.PROBE);
            assertThat(e.detail()).contains("of 6 vantages failing");
        });
        assertThat(down.confidence()).isGreaterThanOrEqualTo(0.6);
        HealthChange up = changes.get(2);
        assertThat(up.previous()).isEqualTo(HealthLevel.DOWN);
        assertThat(up.eventTime()).isAfterOrEqualTo(OUTAGE_END.plus(config.recoveryHold()));
        assertThat(up.eventTime()).isBefore(OUTAGE_END.plus(config.recoveryHold()).plus(Duration.ofMinutes(2)));
        assertThat(up.since()).isAfterOrEqualTo(OUTAGE_END);
    }

    @Test
    void flakyVantagesNeverImpairAHealthyService() {
        ServiceHealthMachine m = new ServiceHealthMachine("coinbase", config);
        probeRounds(m, 60, (v, t) -> v == 0 || (v == 1 && t.getEpochSecond() / 60 % 2 == 0));
        assertThat(changes).isEmpty();
    }

    @Test
    void intermittentFailuresInsideAnOutageDoNotFlap() {
        ServiceHealthMachine m = new ServiceHealthMachine("coinbase", config);
        // during the outage, every other minute half the vantages recover for a moment
        probeRounds(m, 60, (v, t) -> inOutage(t) && !(t.getEpochSecond() / 60 % 2 == 0 && v < 3));
        assertThat(changes).extracting(HealthChange::state).endsWith(HealthLevel.UP);
        assertThat(changes.stream().filter(c -> c.state() == HealthLevel.UP)).hasSize(1);
        assertThat(changes).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void ownStatusPageMajorOutageIsDownAndAnAllClearRecoversAfterTheHold() {
        ServiceHealthMachine m = new ServiceHealthMachine("aws/us-east-1", config);
        assertThat(m.apply(status("aws/us-east-1", "component:ec2", HealthLevel.DOWN, 0.9, OUTAGE_START)))
                .get().satisfies(c -> {
                    assertThat(c.state()).isEqualTo(HealthLevel.DOWN);
                    assertThat(c.region()).isEqualTo("us-east-1");
                    assertThat(c.since()).isEqualTo(OUTAGE_START);
                });
        assertThat(m.apply(status("aws/us-east-1", "component:ec2", HealthLevel.UP, 1.0, OUTAGE_END))).isEmpty();
        assertThat(m.advanceTo(OUTAGE_END.plus(Duration.ofMinutes(2)))).isEmpty();
        assertThat(m.advanceTo(OUTAGE_END.plus(Duration.ofMinutes(3)))).get().extracting(HealthChange::state)
                .isEqualTo(HealthLevel.UP);
    }

    @Test
    void weakSourcesAloneStayUpButCombineIntoDegraded() {
        ServiceHealthMachine m = new ServiceHealthMachine("coinbase", config);
        // warm the social detector with a quiet hour
        for (int i = 0; i < 6; i++) {
            m.apply(post("coinbase", i, T0.minus(Duration.ofMinutes(60 - i * 10)))).ifPresent(changes::add);
        }
        m.apply(status("coinbase", "maintenance:m1", HealthLevel.DEGRADED, 0.3, OUTAGE_START)).ifPresent(changes::add);
        assertThat(changes).isEmpty();
        for (int i = 0; i < 9; i++) {
            m.apply(post("coinbase", 100 + i, OUTAGE_START.plusSeconds(20L * i))).ifPresent(changes::add);
        }
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(HealthLevel.DEGRADED);
            assertThat(c.evidence()).extracting(Evidence::source)
                    .containsExactlyInAnyOrder(SignalSource.SOCIAL, SignalSource.STATUS_PAGE);
        });
    }

    @Test
    void encodedStateContinuesExactlyLikeTheOriginal() {
        ServiceHealthMachine original = new ServiceHealthMachine("coinbase", config);
        ServiceHealthMachine[] restored = new ServiceHealthMachine[1];
        List<HealthChange> fromRestored = new ArrayList<>();
        for (int minute = 0; minute < 60; minute++) {
            Instant round = T0.plus(Duration.ofMinutes(minute));
            if (minute == 11) {
                // one failing round in: each vantage's result before the latest decides when it reads DOWN
                restored[0] = HealthMachineCodec.decode("coinbase", config, HealthMachineCodec.encode(original));
            }
            for (int v = 0; v < VANTAGES; v++) {
                Signal s = probe("coinbase", v, round.plusSeconds(v), !inOutage(round));
                original.apply(s).ifPresent(changes::add);
                if (restored[0] != null) {
                    restored[0].apply(s).ifPresent(fromRestored::add);
                }
            }
        }
        assertThat(fromRestored).isNotEmpty().isEqualTo(changes.subList(changes.size() - fromRestored.size(), changes.size()));
        assertThat(restored[0].state()).isEqualTo(original.state());
    }

    @Test
    void stateWrittenByTheFirstLayoutStillReads() throws Exception {
        // layout 1 kept only each vantage's latest result; it reads as if the one before matched it
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeByte(HealthLevel.DEGRADED.ordinal());
            long t = OUTAGE_START.toEpochMilli();
            out.writeLong(t);
            out.writeLong(Long.MIN_VALUE);
            out.writeLong(Long.MIN_VALUE);
            out.writeLong(Long.MIN_VALUE);
            out.writeLong(Long.MIN_VALUE);
            out.writeBoolean(false);
            out.writeBoolean(false);
            out.writeBoolean(true);
            out.writeInt(VANTAGES);
            for (int v = 0; v < VANTAGES; v++) {
                out.writeUTF("replay-v" + v);
                out.writeLong(t + v * 1000L);
                out.writeBoolean(false);
            }
            out.writeShort(0);
        }
        ServiceHealthMachine m = HealthMachineCodec.decode("coinbase", config, bytes.toByteArray());
        assertThat(m.state()).isEqualTo(HealthLevel.DEGRADED);
        assertThat(m.advanceTo(OUTAGE_START.plusSeconds(30))).hasValueSatisfying(c -> assertThat(c.state()).isEqualTo(HealthLevel.DOWN));
    }

    @Test
    void connectionBurstOfANetworkIsDownAndQuietChurnIsNot() {
        ServiceHealthMachine m = new ServiceHealthMachine("as7922", config);
        // a quiet hour: one probe reconnecting now and then
        for (int i = 0; i < 6; i++) {
            m.apply(disconnect("as7922", i, T0.minus(Duration.ofMinutes(60 - i * 10)))).ifPresent(changes::add);
        }
        assertThat(changes).isEmpty();
        for (int p = 0; p < 12; p++) {
            m.apply(disconnect("as7922", 100 + p, OUTAGE_START.plusSeconds(10L * p))).ifPresent(changes::add);
        }
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(HealthLevel.DOWN);
            assertThat(c.evidence()).extracting(Evidence::source).containsExactly(SignalSource.PROBE_CONNECTION);
        });
    }

    @Test
    void aNetworkStaysDownWhileItsProbesAreOutAndRecoversWhenHalfAreBack() {
        ServiceHealthMachine m = new ServiceHealthMachine("as7922", config);
        for (int p = 0; p < 12; p++) {
            m.apply(disconnect("as7922", 100 + p, OUTAGE_START.plusSeconds(10L * p))).ifPresent(changes::add);
        }
        // the burst of events is over after a few minutes; the probes stay out for 100 minutes
        for (int minute = 1; minute <= 100; minute++) {
            m.advanceTo(OUTAGE_START.plus(Duration.ofMinutes(minute))).ifPresent(changes::add);
        }
        assertThat(changes).extracting(HealthChange::state).containsExactly(HealthLevel.DOWN);
        assertThat(m.state()).isEqualTo(HealthLevel.DOWN);
        ServiceHealthMachine restored = HealthMachineCodec.decode("as7922", config, HealthMachineCodec.encode(m));

        // five of twelve back: seven still out, more than half, still down
        Instant back = OUTAGE_START.plus(Duration.ofMinutes(101));
        for (int p = 0; p < 5; p++) {
            m.apply(reconnect("as7922", 100 + p, back)).ifPresent(changes::add);
            restored.apply(reconnect("as7922", 100 + p, back));
        }
        m.advanceTo(back.plus(Duration.ofMinutes(10))).ifPresent(changes::add);
        assertThat(m.state()).isEqualTo(HealthLevel.DOWN);
        // the sixth: half are back, so the network recovers after the hold
        Instant sixth = back.plus(Duration.ofMinutes(11));
        m.apply(reconnect("as7922", 105, sixth)).ifPresent(changes::add);
        restored.apply(reconnect("as7922", 105, sixth));
        for (int minute = 1; minute <= 10; minute++) {
            m.advanceTo(sixth.plus(Duration.ofMinutes(minute))).ifPresent(changes::add);
            restored.advanceTo(sixth.plus(Duration.ofMinutes(minute)));
        }
        assertThat(changes).extracting(HealthChange::state).containsExactly(HealthLevel.DOWN, HealthLevel.UP);
        assertThat(changes.get(1).since()).isBetween(sixth, sixth.plus(config.recoveryHold()));
        assertThat(restored.state()).isEqualTo(HealthLevel.UP);
    }

    static Signal reconnect(String entity, int probe, Instant t) {
        return new Signal("r:" + probe + ":" + t, entity, SignalSource.PROBE_CONNECTION, HealthLevel.UP, 0.2, null,
                "probe:" + probe, 7922L, "probe connected", null, t, t);
    }

    static Signal disconnect(String entity, int probe, Instant t) {
        return new Signal("c:" + probe + ":" + t, entity, SignalSource.PROBE_CONNECTION, HealthLevel.DOWN, 0.2, null,
                "probe:" + probe, 7922L, "probe disconnected", null, t, t);
    }
}
