package io.faultline.ingestion.probe.prober;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLSocketFactory;

import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeType;

/**
 * The built-in prober: every {@code interval}, one round probes every target with every
 * configured type, at most {@code concurrency} probes at once, and hands each result to the sink
 * as soon as it is known. Rounds start at a fixed rate; a round that overruns the interval
 * delays the next one instead of overlapping it (so a slow network cannot pile up sockets).
 */
public final class Prober implements AutoCloseable {

    private final ProberConfig config;
    private final List<ProbeTarget> targets;
    private final ProbeRunner runner;
    private final ProbeSink sink;
    private final ExecutorService workers;
    private final ExecutorService dnsPool;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    /** A prober on the system resolver and the JVM's trust store. */
    public static Prober create(ProberConfig config, List<ProbeTarget> targets, ProbeSink sink, Clock clock) {
        return new Prober(config, targets, sink, HostResolver.SYSTEM, (SSLSocketFactory) SSLSocketFactory.getDefault(), clock);
    }

    public Prober(ProberConfig config, List<ProbeTarget> targets, ProbeSink sink, HostResolver resolver,
                  SSLSocketFactory tls, Clock clock) {
        this.config = config;
        this.targets = List.copyOf(targets);
        this.sink = sink;
        this.workers = Executors.newFixedThreadPool(config.concurrency(), daemon("faultline-probe-"));
        // resolutions run beside the probes so a hung resolver can be abandoned; one per probe in flight at most
        this.dnsPool = Executors.newFixedThreadPool(config.concurrency(), daemon("faultline-probe-dns-"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("faultline-prober-"));
        this.clock = clock;
        this.runner = new ProbeRunner(config, resolver, tls, clock, System::nanoTime, dnsPool);
    }

    /** Probes every target once with every type; returns when all results are in the sink. */
    public RoundSummary runOnce() {
        java.time.Instant startedAt = clock.instant();
        List<CompletableFuture<ProbeResult>> inFlight = new ArrayList<>();
        for (ProbeTarget t : targets) {
            for (ProbeType type : List.of(ProbeType.DNS, ProbeType.TCP, ProbeType.HTTP)) {
                if (config.types().contains(type)) {
                    inFlight.add(CompletableFuture.supplyAsync(() -> {
                        ProbeResult r = runner.run(t, type);
                        sink.accept(r);
                        return r;
                    }, workers));
                }
            }
        }
        Map<ProbeErrorKind, Integer> failures = new EnumMap<>(ProbeErrorKind.class);
        int ok = 0;
        for (CompletableFuture<ProbeResult> f : inFlight) {
            ProbeResult r;
            try {
                r = f.join();
            } catch (CompletionException e) { // the sink failed: its own exception, not the wrapper
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
            if (r.getSuccess()) {
                ok++;
            } else {
                failures.merge(r.getErrorKind(), 1, Integer::sum);
            }
        }
        return new RoundSummary(startedAt, targets.size(), inFlight.size(), ok, failures);
    }

    /** Runs rounds every interval until {@link #close()}; {@code onRound} sees each round's summary. */
    public ScheduledFuture<?> start(Consumer<RoundSummary> onRound) {
        return start(onRound, e -> { });
    }

    /**
     * As {@link #start(Consumer)}; a round that fails (the sink threw, e.g. Kafka is gone) ends the
     * schedule and is handed to {@code onFailure}, so a caller waiting on the prober can stop
     * instead of hanging on a schedule that silently died.
     */
    public ScheduledFuture<?> start(Consumer<RoundSummary> onRound, Consumer<RuntimeException> onFailure) {
        return scheduler.scheduleAtFixedRate(() -> {
            try {
                onRound.accept(runOnce());
            } catch (RuntimeException e) {
                onFailure.accept(e);
                throw e; // ends the schedule
            }
        }, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
        dnsPool.shutdownNow();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
