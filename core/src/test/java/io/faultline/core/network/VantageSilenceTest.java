package io.faultline.core.network;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.correlation.ConnectionUpdate;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The own prober's vantages send a heartbeat per round instead of disconnect events: a vantage is
 * out while it is silent and others are heard, back at its next heartbeat.
 */
class VantageSilenceTest {

    static final Instant T0 = NetworkOutagesTest.T0;
    static final Instant CUT = T0.plus(Duration.ofHours(5)).plusSeconds(17);
    static final Instant RESTORED = CUT.plus(ofMinutes(90));

    /** 48 vantages, 6 in each of 8 ASNs over 4 countries. */
    static final int VANTAGES = 48;

    static long asnOf(int v) {
        return 64500 + v % 8;
    }

    static ConnectionUpdate heartbeat(int v, Instant time, boolean connected) {
        long asn = asnOf(v);
        return new ConnectionUpdate(-1000 - v, connected, asn, "Org " + asn, "C" + (asn % 4), null, "vantage-" + v, time);
    }

    /**
     * Heartbeats every {@code interval} (with a few seconds of jitter) for a day, except while
     * {@code silent} says the vantage is silent at that time.
     */
    static List<ConnectionUpdate> day(Duration interval, long seed, SilentAt silent) {
        Random random = new Random(seed);
        List<ConnectionUpdate> out = new ArrayList<>();
        for (int v = 0; v < VANTAGES; v++) {
            Instant t = T0.plusSeconds(random.nextInt((int) interval.toSeconds()));
            while (t.isBefore(T0.plus(Duration.ofHours(24)))) {
                if (!silent.test(v, t)) {
                    out.add(heartbeat(v, t.plusMillis(random.nextInt(3000)), true));
                }
                t = t.plus(interval);
            }
        }
        return out;
    }

    interface SilentAt {
        boolean test(int vantage, Instant time);
    }

    static List<Incident> run(List<ConnectionUpdate> events) {
        return NetworkOutagesTest.run(new NetworkOutages(NetworkConfig.defaults()), events, T0.plus(Duration.ofHours(24)));
    }

    static boolean during(Instant t) {
        return !t.isBefore(CUT) && t.isBefore(RESTORED);
    }

    @Test
    void vantagesOfOneNetworkFallingSilentGiveOneIncidentFromTheirLastHeartbeatToTheirReturn() {
        List<Incident> incidents = run(day(Duration.ofSeconds(60), 1, (v, t) -> asnOf(v) == 64503 && during(t)));

        assertThat(incidents).isNotEmpty();
        assertThat(incidents).extracting(Incident::id).containsOnly(incidents.get(0).id());
        Incident first = incidents.get(0);
        Incident last = incidents.get(incidents.size() - 1);
        assertThat(first.cause().componentId()).isEqualTo("as64503");
        assertThat(last.commonAttributes()).containsEntry("probes.as64503", "6")
                .containsEntry("vantages", "vantage-11,vantage-19,vantage-27,vantage-3,vantage-35,vantage-43");
        // the start is the last heartbeat before the cut: within one round of it
        assertThat(Duration.between(first.firstImpairedAt(), CUT)).isBetween(Duration.ZERO, ofMinutes(1));
        // opened once the silence limit (3 min) has passed
        assertThat(Duration.between(first.firstImpairedAt(), first.openedAt())).isGreaterThanOrEqualTo(ofMinutes(3));
        assertThat(Duration.between(CUT, first.openedAt())).isBetween(Duration.ZERO, ofMinutes(5));
        assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(Duration.between(RESTORED, last.resolvedAt())).isBetween(Duration.ZERO, ofMinutes(1));
    }

    @Test
    void whenEveryVantageFallsSilentThePipelineLostThemNotTheNetworks() {
        assertThat(run(day(Duration.ofSeconds(60), 2, (v, t) -> during(t)))).isEmpty();
    }

    @Test
    void restartsOfSingleVantagesAndMissedHeartbeatsStayQuiet() {
        Random random = new Random(3);
        // every vantage is restarted once (silent 5 to 15 minutes) at a random time of the day
        long[] restart = new long[VANTAGES];
        for (int v = 0; v < VANTAGES; v++) {
            restart[v] = T0.plus(Duration.ofHours(1)).plusSeconds(random.nextInt(22 * 3600)).toEpochMilli();
        }
        List<ConnectionUpdate> events = day(Duration.ofSeconds(60), 3, (v, t) -> {
            long ms = t.toEpochMilli();
            boolean restarting = ms >= restart[v] && ms < restart[v] + (5 + v % 11) * 60_000L;
            boolean missed = t.getEpochSecond() / 60 % 97 == v; // now and then one heartbeat is lost
            return restarting || missed;
        });
        assertThat(run(events)).isEmpty();
    }

    @Test
    void theSilenceLimitFollowsAVantagesOwnRhythm() {
        // rounds every 5 minutes: 10 minutes without a heartbeat is one missed round, not an outage
        List<ConnectionUpdate> slow = day(Duration.ofMinutes(5), 4,
                (v, t) -> asnOf(v) == 64503 && !t.isBefore(CUT) && t.isBefore(CUT.plus(ofMinutes(5))));
        assertThat(run(slow)).isEmpty();
        // but an hour without one is
        List<Incident> long_ = run(day(Duration.ofMinutes(5), 4, (v, t) -> asnOf(v) == 64503 && during(t)));
        assertThat(long_).extracting(i -> i.cause().componentId()).containsOnly("as64503");
    }

    @Test
    void aVantageReportingItselfCutOffIsOutUntilItReachesTargetsAgain() {
        Predicate<Integer> cut = v -> asnOf(v) == 64505;
        List<ConnectionUpdate> events = day(Duration.ofSeconds(60), 5, (v, t) -> false);
        // the prober of a cut-off vantage still runs; its heartbeats say DISCONNECT (nothing answered)
        events.replaceAll(e -> cut.test((int) (-1000 - e.probeId())) && during(e.time())
                ? heartbeat((int) (-1000 - e.probeId()), e.time(), false) : e);
        List<Incident> incidents = run(events);
        assertThat(incidents).extracting(i -> i.cause().componentId()).containsOnly("as64505");
        Incident last = incidents.get(incidents.size() - 1);
        assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(Duration.between(CUT, last.firstImpairedAt()).abs()).isLessThan(ofMinutes(1));
        assertThat(Duration.between(RESTORED, last.resolvedAt()).abs()).isLessThan(ofMinutes(1));
    }
}
