package io.faultline.core.discovery;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.HealthUpdate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds services that repeatedly fail together although the catalog knows no component they
 * share, and proposes them for a human to explain (a missing edge, or a component the catalog
 * lacks). Nothing is added to the catalog by this class.
 *
 * <p>From a history of health changes it takes each service's impairment episodes (the moments
 * it went from not impaired to DEGRADED/DOWN). Two services co-fail when their episodes start
 * within {@link Settings#window()} of each other; for a pair, {@code together} is the number of
 * such co-failures (each episode counted once per pair). A pair is proposed when
 * <ul>
 *   <li>{@code together >= minSupport} (repeated, not a coincidence of one bad day),</li>
 *   <li>Jaccard = together / (failures(A) + failures(B) - together) {@code >= minJaccard} (they
 *       mostly fail together, so a service that fails every day does not pair with everything),</li>
 *   <li>lift = together x windows / (failures(A) x failures(B)) {@code >= minLift}, where windows is
 *       the history's length in windows (more often together than independence predicts),</li>
 *   <li>and the catalog does not explain it: no component is an ancestor of both, and neither is an
 *       ancestor of the other (a service failing with the provider it is known to depend on is no news).</li>
 * </ul>
 * Cost: O(episodes x episodes starting within one window of each other).
 */
public final class CoFailureMiner {

    /**
     * @param window     two episodes starting this close are a co-failure
     * @param minSupport minimum co-failures of a pair
     * @param minJaccard minimum Jaccard similarity of the pair's failures
     * @param minLift    minimum lift over independence
     */
    public record Settings(Duration window, int minSupport, double minJaccard, double minLift) {

        public Settings {
            if (window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be positive, was " + window);
            }
            if (minSupport < 2) {
                throw new IllegalArgumentException("minSupport must be at least 2 (once is a coincidence), was " + minSupport);
            }
            if (!(minJaccard > 0 && minJaccard <= 1)) {
                throw new IllegalArgumentException("minJaccard must be in (0, 1], was " + minJaccard);
            }
            if (!(minLift >= 1)) {
                throw new IllegalArgumentException("minLift must be at least 1, was " + minLift);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(10), 3, 0.5, 10.0);
        }
    }

    /** Two services that fail together without a known shared component. */
    public record PairProposal(String serviceA, String serviceB, int together, int failuresA, int failuresB,
                               double jaccard, double lift, List<Instant> whenTogether) {
    }

    /** Services linked by pair proposals: candidates for one shared component the catalog lacks. */
    public record GroupProposal(List<String> services, List<PairProposal> pairs) {
    }

    private final DependencyGraph graph;
    private final Settings settings;

    public CoFailureMiner(DependencyGraph graph, Settings settings) {
        this.graph = graph;
        this.settings = settings;
    }

    /** Pair proposals, strongest (highest Jaccard, then support) first. */
    public List<PairProposal> pairs(List<HealthUpdate> history) {
        List<Episode> episodes = episodes(history);
        if (episodes.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> failures = new HashMap<>();
        episodes.forEach(e -> failures.merge(e.service, 1, Integer::sum));
        long window = settings.window().toMillis();
        // directed counts: episodes of A that have an episode of B starting within the window
        Map<String, Map<String, Integer>> reached = new HashMap<>();
        Map<String, List<Instant>> when = new HashMap<>();
        for (int i = 0; i < episodes.size(); i++) {
            Episode a = episodes.get(i);
            Set<String> partners = new HashSet<>();
            for (int j = i - 1; j >= 0 && a.start - episodes.get(j).start <= window; j--) {
                partners.add(episodes.get(j).service);
            }
            for (int j = i + 1; j < episodes.size() && episodes.get(j).start - a.start <= window; j++) {
                partners.add(episodes.get(j).service);
            }
            partners.remove(a.service);
            for (String b : partners) {
                reached.computeIfAbsent(a.service, k -> new HashMap<>()).merge(b, 1, Integer::sum);
                if (a.service.compareTo(b) < 0) {
                    when.computeIfAbsent(a.service + "\u0000" + b, k -> new ArrayList<>()).add(Instant.ofEpochMilli(a.start));
                }
            }
        }
        double windows = Math.max(1.0, (double) (episodes.get(episodes.size() - 1).start - episodes.get(0).start) / window + 1);
        List<PairProposal> out = new ArrayList<>();
        for (var byA : new TreeMap<>(reached).entrySet()) {
            String a = byA.getKey();
            for (var byB : new TreeMap<>(byA.getValue()).entrySet()) {
                String b = byB.getKey();
                if (a.compareTo(b) >= 0) {
                    continue;
                }
                int together = Math.min(byB.getValue(), reached.getOrDefault(b, Map.of()).getOrDefault(a, 0));
                int fa = failures.get(a);
                int fb = failures.get(b);
                double jaccard = (double) together / (fa + fb - together);
                double lift = together * windows / ((double) fa * fb);
                if (together >= settings.minSupport() && jaccard >= settings.minJaccard() && lift >= settings.minLift()
                        && !shareAComponent(a, b)) {
                    out.add(new PairProposal(a, b, together, fa, fb, jaccard, lift,
                            List.copyOf(when.getOrDefault(a + "\u0000" + b, List.of()))));
                }
            }
        }
        out.sort(Comparator.comparingDouble(PairProposal::jaccard).reversed()
                .thenComparing(Comparator.comparingInt(PairProposal::together).reversed())
                .thenComparing(PairProposal::serviceA).thenComparing(PairProposal::serviceB));
        return out;
    }

    /** Pair proposals joined into groups (connected services), largest first. */
    public List<GroupProposal> groups(List<HealthUpdate> history) {
        List<PairProposal> pairs = pairs(history);
        Map<String, String> parent = new HashMap<>();
        for (PairProposal p : pairs) {
            union(parent, p.serviceA(), p.serviceB());
        }
        Map<String, Set<String>> members = new TreeMap<>();
        for (String s : parent.keySet()) {
            members.computeIfAbsent(find(parent, s), k -> new TreeSet<>()).add(s);
        }
        List<GroupProposal> out = new ArrayList<>();
        for (Set<String> group : members.values()) {
            out.add(new GroupProposal(List.copyOf(group),
                    pairs.stream().filter(p -> group.contains(p.serviceA())).toList()));
        }
        out.sort(Comparator.comparingInt((GroupProposal g) -> g.services().size()).reversed()
                .thenComparing(g -> g.services().get(0)));
        return out;
    }

    /** True when the catalog already explains the pair: a shared ancestor, or one depends (transitively) on the other. */
    private boolean shareAComponent(String a, String b) {
        if (graph.indexOf(a) < 0 || graph.indexOf(b) < 0) {
            return false;
        }
        Set<String> ancestorsOfA = new LinkedHashSet<>(graph.ancestorIds(a));
        if (ancestorsOfA.contains(b)) {
            return true;
        }
        List<String> ancestorsOfB = graph.ancestorIds(b);
        return ancestorsOfB.contains(a) || ancestorsOfB.stream().anyMatch(ancestorsOfA::contains);
    }

    private record Episode(String service, long start) {
    }

    /** Starts of impairment episodes, by time; changes are ordered by time first. */
    private static List<Episode> episodes(List<HealthUpdate> history) {
        List<HealthUpdate> ordered = new ArrayList<>(history);
        ordered.sort(Comparator.comparing(HealthUpdate::time).thenComparing(HealthUpdate::serviceId));
        Set<String> impaired = new HashSet<>();
        List<Episode> out = new ArrayList<>();
        for (HealthUpdate u : ordered) {
            if (u.state().isImpairment()) {
                if (impaired.add(u.serviceId())) {
                    out.add(new Episode(u.serviceId(), u.time().toEpochMilli()));
                }
            } else {
                impaired.remove(u.serviceId());
            }
        }
        return out;
    }

    private static String find(Map<String, String> parent, String x) {
        String root = x;
        while (!parent.getOrDefault(root, root).equals(root)) {
            root = parent.get(root);
        }
        parent.putIfAbsent(x, x);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }
}
