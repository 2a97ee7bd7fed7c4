package io.faultline.app.discover;

import io.faultline.app.evaluate.ReplayEvaluator;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.HealthUpdate;
import io.faultline.ingestion.replay.ReplayOptions;
import io.faultline.schemas.mapping.HealthMapping;
import io.faultline.streams.offline.OfflinePipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A history of health changes for co-failure mining, in the miner's domain form: every entity's
 * ServiceHealth changes, plus what the status pages of components (providers, regions, CDNs) said,
 * as that component's own DOWN/UP. The second is what lets a service pair with the component it
 * fails with: for most components their status page is the only health there is.
 *
 * @param updates      health changes, any order
 * @param rawEvents    raw records read (replays) or 0 (topics)
 * @param healthChanges ServiceHealth records read
 * @param signals      status-page signals of components taken
 * @param sources      what was read, one line each
 */
public record HealthHistory(List<HealthUpdate> updates, long rawEvents, long healthChanges, long signals,
                            List<String> sources) {

    /** Collects one stream of ServiceHealth and ServiceSignal records into updates. */
    static final class Builder {
        private final DependencyGraph graph;
        private final List<HealthUpdate> updates = new ArrayList<>();
        private final List<String> sources = new ArrayList<>();
        private long rawEvents;
        private long health;
        private long signals;

        Builder(DependencyGraph graph) {
            this.graph = graph;
        }

        void health(ServiceHealth h) {
            health++;
            updates.add(HealthMapping.toUpdate(h));
        }

        void signal(ServiceSignal s) {
            HealthMapping.toComponentStatus(s).ifPresent(c -> {
                int i = graph.indexOf(c.componentId());
                if (i >= 0 && !graph.isService(i)) { // a service's own page is already in its ServiceHealth
                    signals++;
                    updates.add(new HealthUpdate(c.componentId(), c.troubled() ? HealthLevel.DOWN : HealthLevel.UP, 1.0,
                            c.time(), null));
                }
            });
        }

        /**
         * Ends, at {@code end}, every episode still open among the updates from index {@code from} on:
         * replays are separate windows of history, and an outage that did not resolve inside its
         * replay must not stay open until the next replay (years later) and swallow its episodes.
         */
        void closeOpenEpisodes(int from, Instant end) {
            Map<String, HealthUpdate> lastById = new HashMap<>();
            updates.subList(from, updates.size()).stream().sorted(Comparator.comparing(HealthUpdate::time))
                    .forEach(u -> lastById.put(u.serviceId(), u));
            lastById.values().stream().filter(u -> u.state().isImpairment()).map(HealthUpdate::serviceId).sorted()
                    .forEach(id -> updates.add(new HealthUpdate(id, HealthLevel.UP, 1.0, end, null)));
        }

        long healthCount() {
            return health;
        }

        long signalCount() {
            return signals;
        }

        void raw(long n) {
            rawEvents += n;
        }

        void source(String line) {
            sources.add(line);
        }

        HealthHistory build() {
            return new HealthHistory(List.copyOf(updates), rawEvents, health, signals, List.copyOf(sources));
        }
    }

    /**
     * Runs each replay (folder, archive, or a folder of replay folders such as {@code replays/})
     * through the streams logic ({@link OfflinePipeline}, as {@code faultline evaluate} does), one
     * replay at a time so one replay's state never leaks into the next.
     */
    public static HealthHistory fromReplays(Collection<Path> paths, List<CatalogEntry> catalog, DependencyGraph graph) {
        Builder b = new Builder(graph);
        for (Path replay : replayPaths(paths)) {
            int before = b.updates.size();
            long healthBefore = b.health;
            long signalsBefore = b.signals;
            ReplayEvaluator.Fed fed = ReplayEvaluator.feed(replay, ReplayOptions.defaults(), catalog, b::signal, b::health);
            if (fed.last() != null) {
                b.closeOpenEpisodes(before, fed.last().plus(ReplayEvaluator.DRAIN));
            }
            long events = fed.rawEvents();
            long refused = fed.refused();
            long unreadable = fed.unreadable();
            b.raw(events);
            b.source(replay + ": " + events + " raw events -> " + (b.health - healthBefore) + " health changes, "
                    + (b.signals - signalsBefore) + " component status-page signals"
                    + (refused > 0 ? ", " + refused + " refused (no natural key)" : "")
                    + (unreadable > 0 ? ", " + unreadable + " unreadable (see 'faultline replay')" : ""));
        }
        return b.build();
    }

    /**
     * The replays under the given paths: a folder that holds replay folders (children with a
     * timeline.yaml or an expected.json) stands for those children; anything else is one replay.
     */
    public static List<Path> replayPaths(Collection<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
            List<Path> children = List.of();
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    children = list.filter(c -> Files.isRegularFile(c.resolve("timeline.yaml"))
                            || Files.isRegularFile(c.resolve("expected.json"))).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (children.isEmpty()) {
                out.add(p);
            } else {
                out.addAll(children);
            }
        }
        return out;
    }
}
