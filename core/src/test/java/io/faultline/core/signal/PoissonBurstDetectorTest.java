package io.faultline.core.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PoissonBurstDetectorTest {

    static final Instant T0 = Instant.parse("2021-12-07T14:00:00Z");
    static final long MIN = Duration.ofMinutes(1).toMillis();

    /** Feeds {@code perMinute} events per minute (Poisson-ish spread) for {@code minutes}; returns minutes flagged. */
    static int feed(PoissonBurstDetector d, long startMillis, int minutes, double perMinute, Random rnd) {
        int flagged = 0;
        for (int m = 0; m < minutes; m++) {
            int n = poisson(perMinute, rnd);
            for (int i = 0; i < n; i++) {
                d.observe(startMillis + m * MIN + rnd.nextInt((int) MIN));
            }
            d.advanceTo(startMillis + (m + 1) * MIN - 1);
            if (d.burstRatio() > 0) {
                flagged++;
            }
        }
        return flagged;
    }

    static int poisson(double mu, Random rnd) {
        double l = Math.exp(-mu);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void quietServiceStaysQuietAndAFewPostsAreNotABurst() {
        PoissonBurstDetector d = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
        Random rnd = new Random(1);
        int flagged = feed(d, T0.toEpochMilli(), 24 * 60, 0.02, rnd);
        assertThat(flagged).isZero();
        long later = T0.plus(Duration.ofHours(24)).toEpochMilli();
        for (int i = 0; i < 3; i++) {
            d.observe(later + i * 1000);
        }
        assertThat(d.burstRatio()).isZero();
    }

    @Test
    void quietServiceBurstIsDetectedAfterWarmup() {
        PoissonBurstDetector d = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
        Random rnd = new Random(2);
        feed(d, T0.toEpochMilli(), 120, 0.05, rnd);
        long outage = T0.plus(Duration.ofMinutes(120)).toEpochMilli();
        for (int i = 0; i < 12; i++) {
            d.observe(outage + i * 10_000);
        }
        assertThat(d.burstRatio()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void noisyServiceChatterIsAbsorbedButAnOutageJumpIsNot() {
        PoissonBurstDetector d = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
        Random rnd = new Random(3);
        int flagged = feed(d, T0.toEpochMilli(), 6 * 60, 30, rnd);
        assertThat(flagged).isZero();
        assertThat(d.rate()).isBetween(25.0, 35.0);
        long outage = T0.plus(Duration.ofHours(6)).toEpochMilli();
        int flaggedDuringOutage = feed(d, outage, 10, 150, rnd);
        assertThat(flaggedDuringOutage).isGreaterThanOrEqualTo(8);
        // frozen while bursting: the outage did not become the baseline
        assertThat(d.rate()).isLessThan(40.0);
    }

    @Test
    void noisyServiceSeenForTheFirstTimeIsNotFlaggedDuringWarmup() {
        PoissonBurstDetector d = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
        int flagged = feed(d, T0.toEpochMilli(), 30, 20, new Random(4));
        assertThat(flagged).isZero();
    }

    @Test
    void eventsOlderThanTheWindowAreRefusedAndTheWindowSlides() {
        PoissonBurstDetector d = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
        long t = T0.toEpochMilli();
        d.observe(t + 10 * MIN);
        assertThat(d.observe(t)).isFalse();
        assertThat(d.observe(t + 7 * MIN)).isTrue();
        assertThat(d.count()).isEqualTo(2);
        d.advanceTo(t + 30 * MIN);
        assertThat(d.count()).isZero();
    }

    @Test
    void thresholdFollowsThePoissonTail() {
        PoissonBurstDetector d = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
        // P(X >= 7 | mu = 1) = 8.3e-5 < 1e-4 <= P(X >= 6 | mu = 1) = 5.9e-4
        assertThat(d.thresholdFor(1.0)).isEqualTo(7);
        // on a busy service the relative jump dominates the Poisson tail (about 1118 here)
        assertThat(d.thresholdFor(1000)).isEqualTo(1500);
    }

    @Test
    void stateRoundTrips() throws Exception {
        PoissonBurstDetector d = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
        feed(d, T0.toEpochMilli(), 40, 3, new Random(5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        d.write(new DataOutputStream(bytes));
        PoissonBurstDetector back = PoissonBurstDetector.read(PoissonBurstDetector.Params.social(),
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.count()).isEqualTo(d.count());
        assertThat(back.rate()).isEqualTo(d.rate());
        assertThat(back.threshold()).isEqualTo(d.threshold());
    }
}
