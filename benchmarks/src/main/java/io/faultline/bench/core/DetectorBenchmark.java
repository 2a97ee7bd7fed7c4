package io.faultline.bench.core;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.health.HealthConfig;
import io.faultline.core.health.ServiceHealthMachine;
import io.faultline.core.resolve.OutageLanguage;
import io.faultline.core.signal.PoissonBurstDetector;
import io.faultline.core.signal.ProbeFailureRatio;
import io.faultline.core.signal.Signal;
import io.faultline.core.signal.SignalSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH throughput of the per-source detectors, one observation per operation, single thread, on
 * SYNTHETIC series (1,000 entities, event time advancing 50 ms per observation, a few percent
 * failures / posts). Run:
 *
 * <pre>
 * nice mvn -o -q -B -DskipTests package -pl benchmarks -am
 * java -cp benchmarks/target/faultline-bench.jar \
 *      org.openjdk.jmh.Main DetectorBenchmark -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DetectorBenchmark {

    static final int ENTITIES = 1000;
    static final long T0 = Instant.parse("2021-12-07T15:00:00Z").toEpochMilli();
    static final String[] VANTAGES = {"replay-a", "replay-b", "replay-c", "replay-d", "replay-e", "replay-f"};

    PoissonBurstDetector[] bursts;
    ProbeFailureRatio[] ratios;
    ServiceHealthMachine[] machines;
    Signal[] probeSignals;
    long n;

    @Setup
    public void setUp() {
        bursts = new PoissonBurstDetector[ENTITIES];
        ratios = new ProbeFailureRatio[ENTITIES];
        machines = new ServiceHealthMachine[ENTITIES];
        HealthConfig config = HealthConfig.defaults();
        for (int i = 0; i < ENTITIES; i++) {
            bursts[i] = new PoissonBurstDetector(PoissonBurstDetector.Params.social());
            ratios[i] = new ProbeFailureRatio(ProbeFailureRatio.Params.defaults());
            machines[i] = new ServiceHealthMachine("service-" + i, config);
        }
        probeSignals = new Signal[4096];
        for (int i = 0; i < probeSignals.length; i++) {
            Instant t = Instant.ofEpochMilli(T0 + i * 50L);
            boolean ok = i % 37 != 0;
            probeSignals[i] = new Signal("s" + i, "service-" + (i % ENTITIES), SignalSource.PROBE,
                    ok ? HealthLevel.UP : HealthLevel.DOWN, 1.0, null, VANTAGES[i % VANTAGES.length], null, "", null, t, t);
        }
    }

    /** Social-post burst detector: count one post, ask whether the entity bursts. */
    @Benchmark
    public double socialBurstObserve() {
        long i = n++;
        PoissonBurstDetector d = bursts[(int) (i % ENTITIES)];
        d.observe(T0 + i * 50L);
        return d.burstRatio();
    }

    /** Probe failure ratio: record one result, evaluate the ratio across vantages. */
    @Benchmark
    public boolean probeRatioObserve() {
        long i = n++;
        ProbeFailureRatio r = ratios[(int) (i % ENTITIES)];
        long t = T0 + i * 50L;
        r.observe(VANTAGES[(int) (i % VANTAGES.length)], t, i % 37 != 0);
        return r.impaired(r.ratio(t));
    }

    /**
     * The whole health machine (all detectors, vote combination, hysteresis) per probe signal. The
     * signal is made per operation so event time keeps advancing: replaying a fixed array of
     * signals made every lap after the first "older than the vantage's latest" and measured the
     * early exit (about 20 M/s), not the machine.
     */
    @Benchmark
    public Object healthMachineApply() {
        long i = n++;
        int entity = (int) (i % ENTITIES);
        Signal template = probeSignals[(int) (i % probeSignals.length)];
        Instant t = Instant.ofEpochMilli(T0 + i * 50L);
        Signal s = new Signal(template.signalId(), machines[entity].entityId(), SignalSource.PROBE, template.observed(), 1.0, null,
                template.vantage(), null, "", null, t, t);
        return machines[entity].apply(s).orElse(null);
    }

    /** Outage-language classification of one post (the social resolver's filter). */
    @Benchmark
    public OutageLanguage.Verdict classifyPost() {
        long i = n++;
        return OutageLanguage.classify(i % 2 == 0 ? "is coinbase down for anyone else? app not loading"
                : "Coinbase down 4% today, bearish on $COIN", "en", false);
    }
}
