package io.faultline.bench.core;

import static io.faultline.bench.core.MainArgs.argument;
import static io.faultline.bench.core.MainArgs.heapAfterGc;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.catalog.EntityKind;
import io.faultline.core.correlation.CorrelationConfig;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.Incident;
import io.faultline.core.synthetic.SyntheticCatalog;
import io.faultline.core.synthetic.UpdateBatch;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Plain-main benchmark of the correlation engine through a large regional outage on a SYNTHETIC
 * catalog ({@link SyntheticCatalog}, 100,000 made-up services by default). The engine is global and
 * runs on one core, so this measures its headroom: how many health updates per second one core
 * sustains, against the health-change rate of the storm.
 *
 * <pre>
 * nice mvn -o -q -B -DskipTests package -pl benchmarks -am
 * java -Xmx2g -cp benchmarks/target/faultline-bench.jar io.faultline.bench.core.CorrelationStorm \
 *      [--services 100000] [--target-dependents 20000] [--background-rate 5000] [--vantages 3] [--rounds 3]
 * </pre>
 *
 * Scenario, in event time with a tick every minute: {@value #WARM_UP_MINUTES} minutes of background
 * (every service refreshed at random at {@code --background-rate} updates/s, a few short random
 * impairments) so the base rates are learned; then the storm: every dependent of the region whose
 * dependent count is nearest {@code --target-dependents} goes DOWN (70%) or DEGRADED (30%) at a
 * uniformly random moment within {@value #ONSET_MINUTES} minutes, reported by {@code --vantages}
 * vantage updates within 15 s of its onset; background refreshes of it report the same state while
 * it is held for {@value #HOLD_MINUTES} minutes; then it recovers within {@value #RECOVERY_MINUTES}
 * minutes (again one update per vantage), followed by {@value #TAIL_MINUTES} quiet minutes.
 *
 * <p>Each event-minute's updates are generated before the clock starts; only feeding them
 * (allocation-free {@code onHealth(int, ...)}) and the tick are timed. The first round warms the
 * JIT and is not reported; the others are pooled (with only a few ONSET ticks per round, their p99
 * is their max unless {@code --rounds} is raised). No assertions: speed is measured, not tested.
 * Numbers depend on the machine and its load (printed).
 */
public final class CorrelationStorm {

    private static final Instant START = Instant.parse("2021-12-07T15:00:00Z");
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();
    private static final int WARM_UP_MINUTES = 15;
    private static final int ONSET_MINUTES = 2;
    private static final int HOLD_MINUTES = 30;
    private static final int RECOVERY_MINUTES = 5;
    private static final int TAIL_MINUTES = 15;
    private static final long VANTAGE_SPREAD_MILLIS = 15_000;
    private static final double STORM_DOWN_SHARE = 0.7;
    private static final double BACKGROUND_DOWN_PROBABILITY = 2.5e-5;

    private static final long STORM_START = START.toEpochMilli() + WARM_UP_MINUTES * MINUTE;
    private static final long HOLD_START = STORM_START + ONSET_MINUTES * MINUTE;
    private static final long RECOVERY_START = HOLD_START + HOLD_MINUTES * MINUTE;
    private static final long RECOVERY_END = RECOVERY_START + RECOVERY_MINUTES * MINUTE;
    private static final long END = RECOVERY_END + TAIL_MINUTES * MINUTE;

    private enum Phase { BACKGROUND, ONSET, HOLD, RECOVERY, TAIL }

    /** Wall time spent on one event-minute: feeding its updates, then the tick that closes it. */
    private record Minute(Phase phase, int updates, long feedNanos, long tickNanos, int revisions) {
    }

    private CorrelationStorm() {
    }

    public static void main(String[] args) {
        int services = (int) argument(args, "--services", 100_000);
        int targetDependents = (int) argument(args, "--target-dependents", 20_000);
        int backgroundRate = (int) argument(args, "--background-rate", 5_000);
        int vantages = (int) argument(args, "--vantages", 3);
        int rounds = (int) Math.max(2, argument(args, "--rounds", 3));

        System.out.println("SYNTHETIC benchmark: made-up catalog, outage and health stream, not real services.");
        printMachine();
        DependencyGraph graph = SyntheticCatalog.graph(services, 42);
        int region = regionNearest(graph, targetDependents);
        String regionId = graph.idOf(region);
        System.out.printf(Locale.ROOT, "catalog: %,d entities, %,d services; storm region %s with %,d dependents (target %,d)%n",
                graph.size(), graph.serviceCount(), regionId, graph.dependentCount(region), targetDependents);
        System.out.printf(Locale.ROOT, "heap after GC with the graph: %,d MiB%n", heapAfterGc() >> 20);

        Storm storm = new Storm(graph, region, vantages, 11);
        storm.printRates(backgroundRate);

        List<Minute> measured = new ArrayList<>();
        Map<String, Incident> incidents = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            boolean last = round == rounds - 1;
            Map<String, Incident> roundIncidents = new LinkedHashMap<>();
            List<Minute> minutes = run(graph, storm, backgroundRate, 7 + round, roundIncidents, last);
            if (round > 0) {
                measured.addAll(minutes);
            }
            if (last) {
                incidents = roundIncidents;
            }
        }
        report(measured, rounds - 1, storm, backgroundRate);
        reportIncidents(incidents, regionId, graph.dependentCount(region));
        printLoad("at end");
    }

    private static List<Minute> run(DependencyGraph graph, Storm storm, int backgroundRate, long seed,
                                    Map<String, Incident> incidents, boolean measureHeap) {
        CorrelationEngine engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        SplittableRandom random = new SplittableRandom(seed);
        int[] services = new int[graph.serviceCount()];
        for (int e = 0, n = 0; e < graph.size(); e++) {
            if (graph.isService(e)) {
                services[n++] = e;
            }
        }
        UpdateBatch batch = new UpdateBatch((int) (backgroundRate * 60L) + storm.size());
        List<Minute> minutes = new ArrayList<>();
        int next = 0; // next storm event
        for (long from = START.toEpochMilli(); from < END; from += MINUTE) {
            long until = from + MINUTE;
            next = storm.fill(batch, from, until, next, backgroundRate, services, random);
            long feedStart = System.nanoTime();
            for (int i = 0; i < batch.size; i++) {
                engine.onHealth(batch.entity[i], batch.level[i], 1.0, batch.time[i], DependencyGraph.NO_REGION);
            }
            long tickStart = System.nanoTime();
            List<Incident> revisions = engine.tick(Instant.ofEpochMilli(until));
            long tickEnd = System.nanoTime();
            minutes.add(new Minute(phaseOf(until), batch.size, tickStart - feedStart, tickEnd - tickStart, revisions.size()));
            revisions.forEach(incident -> incidents.put(incident.id(), incident));
            if (measureHeap && until == RECOVERY_START) {
                System.out.printf(Locale.ROOT, "live heap after GC at the end of the hold (graph + engine counting %,d impaired services): %,d MiB%n",
                        engine.stats().countedServices(), heapAfterGc() >> 20);
            }
        }
        return minutes;
    }

    /** A tick at {@code time} closes the minute before it. */
    private static Phase phaseOf(long time) {
        if (time <= STORM_START) {
            return Phase.BACKGROUND;
        } else if (time <= HOLD_START) {
            return Phase.ONSET;
        } else if (time <= RECOVERY_START) {
            return Phase.HOLD;
        } else if (time <= RECOVERY_END) {
            return Phase.RECOVERY;
        }
        return Phase.TAIL;
    }

    private static void report(List<Minute> minutes, int rounds, Storm storm, int backgroundRate) {
        long updates = minutes.stream().mapToLong(Minute::updates).sum();
        long feed = minutes.stream().mapToLong(Minute::feedNanos).sum();
        long ticks = minutes.stream().mapToLong(Minute::tickNanos).sum();
        double sustainable = updates / ((feed + ticks) / 1e9);
        System.out.printf(Locale.ROOT, "%n%d measured rounds of %d event-minutes, one thread:%n", rounds, minutes.size() / rounds);
        System.out.printf(Locale.ROOT, "  %,d updates fed in %.2f s + %d ticks in %.2f s: %,.0f updates/s per core including ticks (feed alone %,.0f/s)%n",
                updates, feed / 1e9, minutes.size(), ticks / 1e9, sustainable, updates / (feed / 1e9));
        System.out.println("  tick time by phase (ms):      ticks     p50     p99     max   revisions");
        for (Phase phase : Phase.values()) {
            printTicks(phase.name(), minutes.stream().filter(m -> m.phase() == phase).toList());
        }
        printTicks("ALL", minutes);

        List<Minute> storming = minutes.stream().filter(m -> m.phase() == Phase.ONSET || m.phase() == Phase.RECOVERY).toList();
        long stormUpdates = storming.stream().mapToLong(Minute::updates).sum();
        long stormNanos = storming.stream().mapToLong(m -> m.feedNanos() + m.tickNanos()).sum();
        double stormSustainable = stormUpdates / (stormNanos / 1e9);
        double busiest = minutes.stream().mapToLong(m -> m.feedNanos() + m.tickNanos()).max().orElse(0) / 1e9;
        System.out.printf(Locale.ROOT, "  during onset and recovery minutes (feed + their ticks): %,.0f updates/s per core%n", stormSustainable);
        System.out.printf(Locale.ROOT, "  busiest event-minute took %.3f s of wall time: the core is %.2f%% busy at worst%n",
                busiest, busiest / 60 * 100);

        // a tick costs per minute, by changed and impaired services, not per update: what the core can
        // take is what the feed rate allows in the part of each minute the worst storm tick leaves free
        double stormFeedRate = stormUpdates / (storming.stream().mapToLong(Minute::feedNanos).sum() / 1e9);
        long worstStormTick = minutes.stream().filter(m -> m.phase() != Phase.BACKGROUND && m.phase() != Phase.TAIL)
                .mapToLong(Minute::tickNanos).max().orElse(0);
        double capacity = stormFeedRate * (1 - worstStormTick / 60e9);
        System.out.printf(Locale.ROOT, "  feed rate in onset/recovery minutes %,.0f/s; with the worst storm tick (%.1f ms) every minute "
                + "one core sustains about %,.0f updates/s%n", stormFeedRate, worstStormTick / 1e6, capacity);

        double peakTotal = storm.peakTotalPerSecond(backgroundRate);
        System.out.printf(Locale.ROOT, "%nheadroom = sustainable updates/s / storm peak input rate (%,.0f/s in the busiest event-second):%n", peakTotal);
        System.out.printf(Locale.ROOT, "  capacity at the worst storm tick: %,.0fx (busiest event-minute ran %,.0fx faster than real time)%n",
                capacity / peakTotal, 60 / busiest);
        System.out.printf(Locale.ROOT, "  (averages over this stream, ticks included: overall %,.0fx, onset/recovery minutes %,.0fx)%n",
                sustainable / peakTotal, stormSustainable / peakTotal);
        System.out.printf(Locale.ROOT, "  against storm health changes alone (%,.0f/s peak): %,.0fx%n",
                storm.peakChangesPerSecond(), capacity / storm.peakChangesPerSecond());
    }

    private static void printTicks(String label, List<Minute> minutes) {
        if (minutes.isEmpty()) {
            return;
        }
        long[] nanos = minutes.stream().mapToLong(Minute::tickNanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "    %-26s %6d %7.2f %7.2f %7.2f %11d%n", label, nanos.length,
                percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.99) / 1e6, nanos[nanos.length - 1] / 1e6,
                minutes.stream().mapToInt(Minute::revisions).sum());
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void reportIncidents(Map<String, Incident> incidents, String regionId, int dependents) {
        System.out.printf(Locale.ROOT, "%nincidents in the last measured round (latest revision of each; storm began %s):%n", Instant.ofEpochMilli(STORM_START));
        boolean named = false;
        for (Incident incident : incidents.values()) {
            String cause = incident.cause().componentId();
            named |= regionId.equals(cause);
            System.out.printf(Locale.ROOT, "  %s rev %d %s: cause %s (confidence %.2f), %,d members, opened %s, resolved %s%n",
                    incident.id(), incident.revision(), incident.state(), cause == null ? "unknown" : cause,
                    incident.cause().confidence(), incident.members().size(), incident.openedAt(), incident.resolvedAt());
        }
        System.out.printf(Locale.ROOT, "storm region %s (%,d dependents) named as a cause: %s%n", regionId, dependents, named ? "YES" : "NO");
    }

    private static int regionNearest(DependencyGraph graph, int target) {
        int best = -1;
        for (int e = 0; e < graph.size(); e++) {
            if (graph.entity(e).kind() == EntityKind.REGION
                    && (best < 0 || Math.abs(graph.dependentCount(e) - target) < Math.abs(graph.dependentCount(best) - target))) {
                best = e;
            }
        }
        return best;
    }

    private static void printMachine() {
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "JVM %s %s, %d processors, max heap (-Xmx) %,d MiB, GC %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), runtime.availableProcessors(),
                runtime.maxMemory() >> 20, ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        printLoad("at start");
    }

    private static void printLoad(String when) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "load average %s: %.2f (1 min) on %d processors; other work on the machine slows these figures%n",
                when, os.getSystemLoadAverage(), os.getAvailableProcessors());
    }

    /** The scripted outage: per-dependent onset and recovery, and its vantage updates sorted by time. */
    private static final class Storm {

        private final long[] onset;
        private final long[] recovery;
        private final HealthLevel[] level;
        private final long[] eventTime;
        private final int[] eventEntity;
        private final HealthLevel[] eventLevel;

        Storm(DependencyGraph graph, int region, int vantages, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            onset = new long[graph.size()];
            recovery = new long[graph.size()];
            level = new HealthLevel[graph.size()];
            List<long[]> events = new ArrayList<>(); // {time, entity, ordinal}
            for (int e = 0; e < graph.size(); e++) {
                if (!graph.isService(e) || !graph.isAncestor(region, e)) {
                    continue;
                }
                onset[e] = STORM_START + random.nextLong(ONSET_MINUTES * MINUTE);
                recovery[e] = RECOVERY_START + random.nextLong(RECOVERY_MINUTES * MINUTE);
                level[e] = random.nextDouble() < STORM_DOWN_SHARE ? HealthLevel.DOWN : HealthLevel.DEGRADED;
                for (int v = 0; v < vantages; v++) {
                    long jitter = v == 0 ? 0 : random.nextLong(VANTAGE_SPREAD_MILLIS);
                    events.add(new long[] {onset[e] + jitter, e, level[e].ordinal()});
                    events.add(new long[] {recovery[e] + jitter, e, HealthLevel.UP.ordinal()});
                }
            }
            events.sort((a, b) -> Long.compare(a[0], b[0]));
            eventTime = events.stream().mapToLong(event -> event[0]).toArray();
            eventEntity = events.stream().mapToInt(event -> (int) event[1]).toArray();
            eventLevel = events.stream().map(event -> HealthLevel.values()[(int) event[2]]).toArray(HealthLevel[]::new);
        }

        int size() {
            return eventTime.length;
        }

        /**
         * Fills the batch with [from, until): background refreshes at a fixed rate (reporting the
         * storm state of a service inside it) merged in time order with storm events from {@code next}.
         */
        int fill(UpdateBatch batch, long from, long until, int next, int rate, int[] services, SplittableRandom random) {
            batch.size = 0;
            long perMinute = rate * 60L;
            for (long k = 0; k < perMinute; k++) {
                long time = from + k * MINUTE / perMinute;
                while (next < eventTime.length && eventTime[next] <= time && eventTime[next] < until) {
                    add(batch, eventEntity[next], eventLevel[next], eventTime[next]);
                    next++;
                }
                int s = services[random.nextInt(services.length)];
                HealthLevel state = onset[s] != 0 && time >= onset[s] && time < recovery[s] ? level[s]
                        : random.nextDouble() < BACKGROUND_DOWN_PROBABILITY ? HealthLevel.DOWN : HealthLevel.UP;
                add(batch, s, state, time);
            }
            while (next < eventTime.length && eventTime[next] < until) {
                add(batch, eventEntity[next], eventLevel[next], eventTime[next]);
                next++;
            }
            return next;
        }

        private static void add(UpdateBatch batch, int entity, HealthLevel state, long time) {
            int i = batch.size++;
            batch.entity[i] = entity;
            batch.level[i] = state;
            batch.time[i] = time;
            batch.region[i] = DependencyGraph.NO_REGION;
        }

        /** Storm vantage updates in the busiest second of event time. */
        double peakChangesPerSecond() {
            int peak = 0;
            for (int i = 0, j = 0; i < eventTime.length; i++) {
                while (eventTime[j] <= eventTime[i] - 1000) {
                    j++;
                }
                peak = Math.max(peak, i - j + 1);
            }
            return peak;
        }

        double peakTotalPerSecond(int backgroundRate) {
            return peakChangesPerSecond() + backgroundRate;
        }

        void printRates(int backgroundRate) {
            long onsetEvents = Arrays.stream(eventTime).filter(t -> t < RECOVERY_START).count();
            System.out.printf(Locale.ROOT, "storm: %,d onset updates over %d min (mean %,.0f/s), %,d recovery updates over %d min; "
                            + "peak %,.0f storm updates in one event-second (sliding), on top of %,d/s background refreshes%n",
                    onsetEvents, ONSET_MINUTES, onsetEvents / (ONSET_MINUTES * 60.0), eventTime.length - onsetEvents,
                    RECOVERY_MINUTES, peakChangesPerSecond(), backgroundRate);
        }
    }
}
