package io.faultline.app.discover;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.discovery.CoFailureMiner;
import io.faultline.core.discovery.CoFailureMiner.PairProposal;
import io.faultline.core.discovery.IncidentEdges;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The miner's pair proposals split for a reader: a service (in the catalog or not) that fails with
 * a catalog component (a provider, region, CDN, whose own status page said it was in trouble) is a
 * proposed {@code dependsOn} edge; two services that fail together are a hint of a shared
 * component the catalog lacks. Prints them as tables and, for review, as a catalog YAML fragment marked
 * {@code confirmed: false}; never writes the catalog.
 */
public final class CoFailureReport {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    /** A proposed dependsOn edge: {@code service} failed together with {@code component}. */
    public record EdgeProposal(String service, String component, String kind, PairProposal stats) {
    }

    private final List<EdgeProposal> edges;
    private final List<PairProposal> servicePairs;
    private final List<List<String>> groups;
    private final List<IncidentEdges.Proposal> incidentEdges;

    private CoFailureReport(List<EdgeProposal> edges, List<PairProposal> servicePairs, List<List<String>> groups,
                            List<IncidentEdges.Proposal> incidentEdges) {
        this.edges = edges;
        this.servicePairs = servicePairs;
        this.groups = groups;
        this.incidentEdges = incidentEdges;
    }

    /** This report plus the edges confirmed incidents imply ({@link IncidentEdges}): one outage each, not statistics. */
    public CoFailureReport withIncidentEdges(List<IncidentEdges.Proposal> proposals) {
        return new CoFailureReport(edges, servicePairs, groups, List.copyOf(proposals));
    }

    public List<IncidentEdges.Proposal> incidentEdges() {
        return incidentEdges;
    }

    public static CoFailureReport of(CoFailureMiner miner, HealthHistory history, DependencyGraph graph,
                                     List<CatalogEntry> catalog) {
        Map<String, String> kinds = usualEdgeKinds(catalog);
        List<EdgeProposal> edges = new ArrayList<>();
        List<PairProposal> pairs = new ArrayList<>();
        for (PairProposal p : miner.pairs(history.updates())) {
            // a component of the catalog on one side, anything else (a service, or one the catalog lacks) on the other
            if (isComponent(graph, p.serviceB()) && !isComponent(graph, p.serviceA())) {
                edges.add(new EdgeProposal(p.serviceA(), p.serviceB(), kinds.getOrDefault(p.serviceB(), "unknown"), p));
            } else if (isComponent(graph, p.serviceA()) && !isComponent(graph, p.serviceB())) {
                edges.add(new EdgeProposal(p.serviceB(), p.serviceA(), kinds.getOrDefault(p.serviceA(), "unknown"), p));
            } else {
                pairs.add(p);
            }
        }
        edges.sort(Comparator.comparing(EdgeProposal::service).thenComparing(EdgeProposal::component));
        List<List<String>> groups = groups(pairs);
        return new CoFailureReport(List.copyOf(edges), List.copyOf(pairs), groups, List.of());
    }

    public List<EdgeProposal> edges() {
        return edges;
    }

    public List<PairProposal> servicePairs() {
        return servicePairs;
    }

    /** Services linked by service pairs (candidates for one missing component), each sorted, largest first. */
    public List<List<String>> groups() {
        return groups;
    }

    /** Connected services of the pairs. */
    private static List<List<String>> groups(List<PairProposal> pairs) {
        Map<String, Set<String>> links = new TreeMap<>();
        for (PairProposal p : pairs) {
            links.computeIfAbsent(p.serviceA(), k -> new TreeSet<>()).add(p.serviceB());
            links.computeIfAbsent(p.serviceB(), k -> new TreeSet<>()).add(p.serviceA());
        }
        Set<String> placed = new HashSet<>();
        List<List<String>> out = new ArrayList<>();
        for (String start : links.keySet()) {
            if (!placed.add(start)) {
                continue;
            }
            Set<String> group = new TreeSet<>(List.of(start));
            Deque<String> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                for (String next : links.get(todo.pop())) {
                    if (placed.add(next)) {
                        group.add(next);
                        todo.push(next);
                    }
                }
            }
            out.add(List.copyOf(group));
        }
        out.sort(Comparator.comparingInt((List<String> g) -> g.size()).reversed().thenComparing(g -> g.get(0)));
        return List.copyOf(out);
    }

    public void printTables(PrintStream out) {
        out.printf("proposed edges: %d (a service whose failures start with a component's status-page trouble; "
                + "the catalog does not link them)%n", edges.size());
        if (!edges.isEmpty()) {
            out.printf("  %-28s %-22s %-18s %8s %9s %9s %7s %9s  %s%n", "service", "component", "kind", "together",
                    "fails(s)", "fails(c)", "jaccard", "lift", "together at");
            for (EdgeProposal e : edges) {
                PairProposal p = e.stats();
                boolean serviceIsA = p.serviceA().equals(e.service());
                out.printf("  %-28s %-22s %-18s %8d %9d %9d %7.2f %9.0f  %s%n", e.service(), e.component(), e.kind(),
                        p.together(), serviceIsA ? p.failuresA() : p.failuresB(), serviceIsA ? p.failuresB() : p.failuresA(),
                        p.jaccard(), p.lift(), when(p.whenTogether()));
            }
        }
        out.printf("service pairs: %d (fail together, no known shared component: a missing edge or a missing component)%n",
                servicePairs.size());
        if (!servicePairs.isEmpty()) {
            out.printf("  %-28s %-28s %8s %9s %9s %7s %9s  %s%n", "service A", "service B", "together", "fails(A)",
                    "fails(B)", "jaccard", "lift", "together at");
            for (PairProposal p : servicePairs) {
                out.printf("  %-28s %-28s %8d %9d %9d %7.2f %9.0f  %s%n", p.serviceA(), p.serviceB(), p.together(),
                        p.failuresA(), p.failuresB(), p.jaccard(), p.lift(), when(p.whenTogether()));
            }
        }
        for (List<String> g : groups) {
            out.printf("  group of %d: %s%n", g.size(), String.join(", ", g));
        }
        out.printf("edges implied by confirmed incidents: %d (a member of a confirmed incident that the catalog does "
                + "not link to the incident's cause; one outage each)%n", incidentEdges.size());
        if (!incidentEdges.isEmpty()) {
            out.printf("  %-28s %-22s %-40s %10s  %s%n", "service", "cause", "incident", "confidence", "why");
            for (IncidentEdges.Proposal e : incidentEdges) {
                out.printf("  %-28s %-22s %-40s %10.2f  %s%n", e.service(), e.component(), e.incidentId(), e.confidence(),
                        e.why());
            }
        }
    }

    /**
     * The start of every proposals fragment ('discover cofailures --yaml', 'discover edges --yaml'): marked
     * PROPOSED with what generated it, the comment {@code lines} on how to check an edge, then the
     * {@code proposedEdges} key.
     */
    static StringBuilder proposalsYaml(String generatedBy, String... lines) {
        StringBuilder y = new StringBuilder();
        y.append("# PROPOSED, NOT APPLIED. ").append(generatedBy).append('\n');
        for (String line : lines) {
            y.append("# ").append(line).append('\n');
        }
        y.append("proposedEdges:\n");
        return y;
    }

    /**
     * The proposals as catalog YAML for review. Top-level keys are {@code proposedEdges} and
     * {@code unexplainedGroups}, not {@code services}, so the fragment cannot be loaded as a catalog
     * file by mistake.
     */
    public String yaml(String generatedBy) {
        StringBuilder y = proposalsYaml(generatedBy,
                "Co-failure statistics only say these failed together. Before copying an edge under the service's",
                "dependsOn in catalog/, find a public source for it, put its URL in 'source', set 'evidence' to what",
                "that source is, and set 'confirmed: true' (or drop the line).");
        if (edges.isEmpty()) {
            y.append("  []\n");
        }
        String service = null;
        for (EdgeProposal e : edges) {
            if (!e.service().equals(service)) {
                service = e.service();
                y.append("  - service: ").append(e.service()).append('\n');
                y.append("    dependsOn:\n");
            }
            PairProposal p = e.stats();
            y.append("      - target: ").append(e.component()).append('\n');
            y.append("        kind: ").append(e.kind()).append('\n');
            y.append("        evidence: co-failure\n");
            y.append("        source: \"").append(String.format("co-failure: %d together, %d and %d episodes, Jaccard %.2f, lift %.0f, at %s",
                    p.together(), p.failuresA(), p.failuresB(), p.jaccard(), p.lift(), when(p.whenTogether()))).append("\"\n");
            y.append("        confirmed: false\n");
        }
        y.append("proposedByIncidents:\n");
        if (incidentEdges.isEmpty()) {
            y.append("  []\n");
        }
        for (IncidentEdges.Proposal e : incidentEdges) {
            y.append("  - service: ").append(e.service()).append('\n');
            y.append("    target: ").append(e.component()).append('\n');
            y.append("    evidence: confirmed-incident\n");
            y.append("    source: \"").append(String.format("incident %s opened %s, confidence %.2f: %s", e.incidentId(),
                    MINUTE.format(e.openedAt()), e.confidence(), e.why().replace("\"", "'"))).append("\"\n");
            y.append("    confirmed: false\n");
        }
        y.append("unexplainedGroups:\n");
        if (groups.isEmpty()) {
            y.append("  []\n");
        }
        for (List<String> g : groups) {
            y.append("  - services: [").append(String.join(", ", g)).append("]\n");
            y.append("    note: \"fail together with no shared component in the catalog: a missing edge or component\"\n");
        }
        return y.toString();
    }

    private static String when(List<Instant> times) {
        return times.stream().map(MINUTE::format).collect(Collectors.joining(", "));
    }

    private static boolean isComponent(DependencyGraph graph, String id) {
        int i = graph.indexOf(id);
        return i >= 0 && !graph.isService(i);
    }

    /** For each edge target, the kind most catalog edges to it have (ties: alphabetical). */
    static Map<String, String> usualEdgeKinds(List<CatalogEntry> catalog) {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (CatalogEntry e : catalog) {
            for (Dependency d : e.getDependsOn()) {
                counts.computeIfAbsent(d.getTarget(), k -> new TreeMap<>()).merge(d.getKind(), 1L, Long::sum);
            }
        }
        Map<String, String> out = new HashMap<>();
        counts.forEach((target, byKind) -> out.put(target, byKind.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElseThrow()));
        return out;
    }
}
