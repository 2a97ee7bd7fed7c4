package io.faultline.core.network;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.core.correlation.ConnectionUpdate;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;
import io.faultline.core.correlation.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NetworkOutagesTest {

    static final Instant T0 = Instant.parse("2015-02-10T00:00:00Z");
    static final Instant OUTAGE = T0.plus(Duration.ofHours(6));
    static final Instant BACK = OUTAGE.plus(ofMinutes(100));

    /** 300 probes in 30 ASNs of 12 organisations in 4 countries, with a few probes flapping every hour. */
    static List<ConnectionUpdate> ordinaryDay(long seed) {
        Random random = new Random(seed);
        List<ConnectionUpdate> events = new ArrayList<>();
        for (long probe = 1; probe <= 300; probe++) {
            long asn = 100 + probe % 30;
            events.add(update(probe, asn, T0.plusSeconds(random.nextInt(600)), true));
            // about one short disconnection per probe per day, at random times
            for (int d = 0; d < 1 + random.nextInt(2); d++) {
                Instant off = T0.plusSeconds(900 + random.nextInt(23 * 3600));
                events.add(update(probe, asn, off, false));
                events.add(update(probe, asn, off.plusSeconds(30 + random.nextInt(600)), true));
            }
        }
        return events;
    }

    static ConnectionUpdate update(long probe, long asn, Instant time, boolean connected) {
        String org = asn >= 120 ? "Cable Co" : "Org " + (asn % 12);
        String country = "C" + (asn % 4);
        return new ConnectionUpdate(probe, connected, asn, org, country, "ctr-" + (probe % 7), null, time);
    }

    static List<Incident> run(NetworkOutages detector, List<ConnectionUpdate> events, Instant until) {
        List<ConnectionUpdate> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(ConnectionUpdate::time));
        List<Incident> out = new ArrayList<>();
        int i = 0;
        for (Instant tick = T0.plus(ofMinutes(1)); !tick.isAfter(until); tick = tick.plus(ofMinutes(1))) {
            while (i < sorted.size() && !sorted.get(i).time().isAfter(tick)) {
                detector.onConnection(sorted.get(i++));
            }
            out.addAll(detector.tick(tick.toEpochMilli()));
        }
        return out;
    }

    @Test
    void anOrdinaryDayStaysQuiet() {
        for (long seed = 1; seed <= 5; seed++) {
            List<Incident> incidents = run(new NetworkOutages(NetworkConfig.defaults()), ordinaryDay(seed),
                    T0.plus(Duration.ofHours(24)));
            assertThat(incidents).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void severalAsnsOfOneOrganisationGiveOneIncidentNamingItThatLastsUntilTheProbesReconnect() {
        List<ConnectionUpdate> events = ordinaryDay(7);
        // the 100 probes of ASNs 120..129 belong to "Cable Co"; 30 of them, over 3 ASNs, go out together
        List<Long> out = new ArrayList<>();
        for (long probe = 1; probe <= 300 && out.size() < 30; probe++) {
            long asn = 100 + probe % 30;
            if (asn >= 120 && asn <= 122) {
                out.add(probe);
                events.add(update(probe, asn, OUTAGE.plusSeconds(probe % 40), false));
                events.add(update(probe, asn, BACK.plusSeconds(probe % 90), true));
            }
        }
        List<Incident> incidents = run(new NetworkOutages(NetworkConfig.defaults()), events, BACK.plus(ofMinutes(30)));

        assertThat(incidents).extracting(Incident::id).containsOnly(incidents.get(0).id());
        Incident first = incidents.get(0);
        Incident last = incidents.get(incidents.size() - 1);
        assertThat(first.cause().componentId()).isEqualTo("org:Cable Co");
        assertThat(first.title()).contains("Cable Co", "AS120", "AS121", "AS122");
        // a probe of the organisation's other ASNs that happens to flap in the same minutes may join
        assertThat(first.members()).extracting(IncidentMember::serviceId).contains("as120", "as121", "as122");
        assertThat(first.commonAttributes()).containsEntry("probes.as120", "10");
        assertThat(Duration.between(OUTAGE, first.firstImpairedAt()).abs()).isLessThan(ofMinutes(1));
        assertThat(Duration.between(OUTAGE, first.openedAt())).isBetween(Duration.ZERO, ofMinutes(2));
        assertThat(incidents).extracting(Incident::state).contains(IncidentState.CONFIRMED);
        assertThat(last.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(Duration.between(BACK, last.resolvedAt()).abs()).as("end = median reconnection").isLessThan(ofMinutes(2));
        assertThat(incidents.stream().filter(i -> i.state() == IncidentState.RESOLVED)).hasSize(1);
    }

    @Test
    void oneAsnAloneIsNamedAsTheAsnAndAStateSnapshotResumesIdentically() {
        List<ConnectionUpdate> events = ordinaryDay(11);
        for (long probe = 1; probe <= 300; probe++) {
            if (100 + probe % 30 == 105) {
                events.add(update(probe, 105, OUTAGE.plusSeconds(probe % 20), false));
                events.add(update(probe, 105, BACK.plusSeconds(probe % 20), true));
            }
        }
        Instant until = BACK.plus(ofMinutes(30));
        List<Incident> straight = run(new NetworkOutages(NetworkConfig.defaults()), events, until);

        NetworkOutages first = new NetworkOutages(NetworkConfig.defaults());
        Instant cut = OUTAGE.plus(ofMinutes(20));
        List<Incident> resumed = new ArrayList<>(run(first, events.stream().filter(e -> !e.time().isAfter(cut)).toList(), cut));
        NetworkOutages restored = NetworkOutages.fromBytes(first.toBytes());
        List<ConnectionUpdate> rest = events.stream().filter(e -> e.time().isAfter(cut)).sorted(
                java.util.Comparator.comparing(ConnectionUpdate::time)).toList();
        int i = 0;
        for (Instant tick = cut.plus(ofMinutes(1)); !tick.isAfter(until); tick = tick.plus(ofMinutes(1))) {
            while (i < rest.size() && !rest.get(i).time().isAfter(tick)) {
                restored.onConnection(rest.get(i++));
            }
            resumed.addAll(restored.tick(tick.toEpochMilli()));
        }

        assertThat(straight).isNotEmpty();
        assertThat(straight.get(0).cause().componentId()).isEqualTo("as105");
        assertThat(straight.get(0).title()).contains("AS105", "Org 9", "(C1)");
        assertThat(resumed).isEqualTo(straight);
    }

    @Test
    void aControllerDroppingProbesOfManyNetworksBlamesNoNetwork() {
        List<ConnectionUpdate> events = ordinaryDay(3);
        // every probe attached to controller ctr-3 (about 43, across all ASNs and countries) drops for 6 minutes
        for (long probe = 3; probe <= 300; probe += 7) {
            long asn = 100 + probe % 30;
            events.add(update(probe, asn, OUTAGE.plusSeconds(probe % 30), false));
            events.add(update(probe, asn, OUTAGE.plus(ofMinutes(6)).plusSeconds(probe % 30), true));
        }
        List<Incident> incidents = run(new NetworkOutages(NetworkConfig.defaults()), events, OUTAGE.plus(ofMinutes(40)));

        // not an outage of any network: if anything is reported, it is all probes, on the controller
        assertThat(incidents).extracting(i -> i.cause().componentId()).containsOnly("probes:all");
        assertThat(incidents).allSatisfy(i -> assertThat(i.title()).contains("many networks at once", "controller ctr-3"));
    }

    @Test
    void anOutageOfOneNetworkInsideAGlobalBurstIsStillNamed() {
        List<ConnectionUpdate> events = ordinaryDay(5);
        // a global burst of probes from every network, and at the same minutes ASN 105 loses all of its 10 probes
        for (long probe = 3; probe <= 300; probe += 7) {
            long asn = 100 + probe % 30;
            if (asn != 105) {
                events.add(update(probe, asn, OUTAGE.plusSeconds(probe % 30), false));
                events.add(update(probe, asn, OUTAGE.plus(ofMinutes(6)).plusSeconds(probe % 30), true));
            }
        }
        for (long probe = 1; probe <= 300; probe++) {
            if (100 + probe % 30 == 105) {
                events.add(update(probe, 105, OUTAGE.plusSeconds(probe % 40), false));
                events.add(update(probe, 105, BACK.plusSeconds(probe % 40), true));
            }
        }
        List<Incident> incidents = run(new NetworkOutages(NetworkConfig.defaults()), events, BACK.plus(ofMinutes(10)));

        assertThat(incidents).extracting(i -> i.cause().componentId()).contains("as105", "probes:all");
        Incident as105 = incidents.stream().filter(i -> i.cause().componentId().equals("as105"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(Duration.between(BACK, as105.resolvedAt()).abs()).isLessThan(ofMinutes(2));
    }

    @Test
    void poissonTailMatchesKnownValues() {
        // P(X >= 1 | 1) = 1 - e^-1; P(X >= 10 | 2) = 4.6e-5
        assertThat(Math.pow(10, PoissonTail.log10Upper(1, 1.0))).isCloseTo(1 - Math.exp(-1), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Math.pow(10, PoissonTail.log10Upper(10, 2.0))).isCloseTo(4.6498e-5, org.assertj.core.data.Offset.offset(1e-8));
        assertThat(PoissonTail.log10Upper(0, 3.0)).isZero();
        assertThat(PoissonTail.log10Upper(500, 1.0)).isLessThan(-1000);
    }
}
