package io.faultline.bench.core;

import static io.faultline.bench.core.MainArgs.argument;
import static io.faultline.bench.core.MainArgs.heapAfterGc;

import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.CorrelationConfig;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.HealthUpdate;
import io.faultline.core.correlation.Incident;
import io.faultline.core.synthetic.SyntheticCatalog;
import io.faultline.core.synthetic.SyntheticHealthStream;
import io.faultline.core.synthetic.UpdateBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Plain-main throughput benchmark of the correlation engine on a SYNTHETIC catalog (see
 * {@link SyntheticCatalog}: 100,000 services, 1,000,000 edges by default) and a SYNTHETIC health
 * stream ({@link SyntheticHealthStream}) with one scripted regional outage. Single thread.
 *
 * <pre>
 * nice mvn -o -q -B -DskipTests package -pl benchmarks -am
 * java -Xmx1g -cp benchmarks/target/faultline-bench.jar \
 *      io.faultline.bench.core.CorrelationThroughput [--services 100000] [--updates 60000000] [--event-rate 25000]
 * </pre>
 *
 * Reports updates per second for the allocation-free API (engine.onHealth(int, ...)) and for the
 * record API (a HealthUpdate with an Instant built per update, as a host mapping from Avro does),
 * both including the minute ticks, and the live heap after a full GC with graph and engine held.
 * A JMH harness can reuse SyntheticCatalog, SyntheticHealthStream and UpdateBatch directly.
 */
public final class CorrelationThroughput {

    private static final Instant START = Instant.parse("2021-12-07T15:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(1);
    private static final double BACKGROUND_DOWN_PROBABILITY = 2.5e-5;

    private enum Api { PRIMITIVE, RECORD }

    private record Result(long updates, long feedNanos, long tickNanos, int ticks, long maxTickNanos,
                          int revisions, List<String> incidents, long heapAfterGc) {

        double updatesPerSecond() {
            return updates / ((feedNanos + tickNanos) / 1e9);
        }
    }

    private CorrelationThroughput() {
    }

    public static void main(String[] args) {
        int services = (int) argument(args, "--services", 100_000);
        long updates = argument(args, "--updates", 60_000_000);
        double eventRate = argument(args, "--event-rate", 25_000);

        System.out.println("SYNTHETIC benchmark: made-up catalog and health stream, not real services.");
        long buildStart = System.nanoTime();
        List<CatalogEntity> entities = SyntheticCatalog.entities(services, 42);
        DependencyGraph graph = DependencyGraph.of(entities);
        long buildNanos = System.nanoTime() - buildStart;
        long edges = entities.stream().mapToLong(entity -> entity.dependsOn().size()).sum();
        long ancestors = 0;
        for (int e = 0; e < graph.size(); e++) {
            ancestors += graph.isService(e) ? graph.ancestorCount(e) : 0;
        }
        System.out.printf(Locale.ROOT, "catalog: %,d entities, %,d services, %,d edges, %.1f ancestors per service, built in %.2f s%n",
                graph.size(), graph.serviceCount(), edges, (double) ancestors / graph.serviceCount(), buildNanos / 1e9);
        System.out.printf(Locale.ROOT, "heap after GC with catalog entities and graph: %,d MiB%n", heapAfterGc() >> 20);
        entities = null;

        for (Api api : Api.values()) {
            run(graph, Math.min(updates, 5_000_000), eventRate, api); // warm-up
        }
        for (Api api : Api.values()) {
            Result result = run(graph, updates, eventRate, api);
            System.out.printf(Locale.ROOT, "%-9s %,d updates in %.2f s (feed %.2f s + %d ticks %.2f s, slowest tick %.1f ms): %,.0f updates/s; "
                            + "%d revisions; heap after GC %,d MiB%n",
                    api, result.updates(), (result.feedNanos() + result.tickNanos()) / 1e9, result.feedNanos() / 1e9,
                    result.ticks(), result.tickNanos() / 1e9, result.maxTickNanos() / 1e6, result.updatesPerSecond(),
                    result.revisions(), result.heapAfterGc() >> 20);
            result.incidents().forEach(incident -> System.out.println("          " + incident));
        }
        System.out.printf(Locale.ROOT, "max heap (-Xmx): %,d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
    }

    private static Result run(DependencyGraph graph, long updates, double eventRate, Api api) {
        CorrelationEngine engine = CorrelationEngine.create(graph, CorrelationConfig.defaults());
        SyntheticHealthStream stream = new SyntheticHealthStream(graph, 7, START, eventRate, BACKGROUND_DOWN_PROBABILITY,
                SyntheticCatalog.region(0, 0), START.plus(Duration.ofMinutes(20)), START.plus(Duration.ofMinutes(40)));
        String[] ids = new String[graph.size()];
        for (int e = 0; e < ids.length; e++) {
            ids[e] = graph.idOf(e);
        }
        UpdateBatch batch = new UpdateBatch(1 << 16);
        long nextTick = START.plus(TICK).toEpochMilli();
        long fed = 0;
        long feedNanos = 0;
        long tickNanos = 0;
        long maxTick = 0;
        int ticks = 0;
        int revisions = 0;
        Map<String, Incident> incidents = new TreeMap<>();
        while (fed < updates) {
            stream.fill(batch, nextTick);
            int size = (int) Math.min(batch.size, updates - fed);
            if (size == 0) {
                long tickStart = System.nanoTime();
                List<Incident> emitted = engine.tick(Instant.ofEpochMilli(nextTick));
                long elapsed = System.nanoTime() - tickStart;
                tickNanos += elapsed;
                maxTick = Math.max(maxTick, elapsed);
                ticks++;
                revisions += emitted.size();
                emitted.forEach(incident -> incidents.put(incident.id(), incident));
                nextTick += TICK.toMillis();
                continue;
            }
            long feedStart = System.nanoTime();
            if (api == Api.PRIMITIVE) {
                for (int i = 0; i < size; i++) {
                    engine.onHealth(batch.entity[i], batch.level[i], 1.0, batch.time[i], batch.region[i]);
                }
            } else {
                for (int i = 0; i < size; i++) {
                    engine.onHealth(new HealthUpdate(ids[batch.entity[i]], batch.level[i], 1.0,
                            Instant.ofEpochMilli(batch.time[i]), null));
                }
            }
            feedNanos += System.nanoTime() - feedStart;
            fed += size;
        }
        long tickStart = System.nanoTime();
        revisions += engine.tick(Instant.ofEpochMilli(nextTick)).size();
        tickNanos += System.nanoTime() - tickStart;
        ticks++;
        long heap = heapAfterGc();
        if (engine.stats().trackedEntities() < 0) {
            throw new IllegalStateException("keeps the engine reachable until the heap was measured");
        }
        List<String> summaries = incidents.values().stream()
                .map(incident -> String.format(Locale.ROOT, "incident %s: cause %s, %d members, %s, confidence %.2f",
                        incident.id(), incident.cause().componentId(), incident.members().size(), incident.state(),
                        incident.cause().confidence()))
                .toList();
        return new Result(fed, feedNanos, tickNanos, ticks, maxTick, revisions, summaries, heap);
    }
}
