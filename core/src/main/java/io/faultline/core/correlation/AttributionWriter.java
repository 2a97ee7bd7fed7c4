package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.CauseEvidence.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a chosen cause and its rivals into an {@link Attribution}: confidence, alternatives, reasons. */
final class AttributionWriter {

    private final DependencyGraph graph;
    private final CorrelationConfig config;
    private final ComponentCounts counts;
    private final Evaluation evaluation;
    private final ConfidenceModel model;

    AttributionWriter(DependencyGraph graph, CorrelationConfig config, ComponentCounts counts, Evaluation evaluation) {
        this.graph = graph;
        this.config = config;
        this.counts = counts;
        this.evaluation = evaluation;
        this.model = ConfidenceModel.of(config);
    }

    /** Another candidate scored on the services of the chosen group it also covers. */
    record Rival(Candidate candidate, int overlap, double logTail, double score) {
    }

    Attribution chosen(CauseFinder.Choice chosen, double threshold, int k, List<Rival> rivals) {
        Candidate candidate = chosen.candidate();
        int c = candidate.component;
        int n = counts.dependents(c);
        double p = evaluation.baseRate[c];
        List<Rival> alternatives = new ArrayList<>();
        for (Rival rival : rivals) {
            if (2 * rival.overlap() >= k) {
                alternatives.add(rival);
            }
        }
        alternatives.sort(Comparator.comparingDouble(Rival::score).reversed()
                .thenComparingInt(rival -> rival.candidate().component));
        double[] alternativeScores = alternatives.stream().mapToDouble(Rival::score).toArray();
        double confidence = model.confidence(chosen.score(), threshold, alternativeScores);

        List<String> reasons = new ArrayList<>();
        reasons.add(countLine(k, n, p, chosen.logTail(), "dependents"));
        reasons.add(String.format(Locale.ROOT, "score %.1f bans against a threshold of %.1f bans (%s over %d components, %d tested now)",
                chosen.score(), threshold, config.correction(), evaluation.family, evaluation.m));
        if (chosen.newWeight() < (long) k * ComponentCounts.WEIGHT_ONE) {
            reasons.add(String.format(Locale.ROOT, "surprise-weighted count %.2f of %d: dependents that are often impaired count less",
                    (double) chosen.newWeight() / ComponentCounts.WEIGHT_ONE, k));
        }
        reasons.addAll(candidate.reasons);
        List<String> parts = new ArrayList<>();
        for (Rival rival : rivals) {
            int other = rival.candidate().component;
            if (graph.isAncestor(other, c) && 2 * rival.overlap() >= k) {
                reasons.add(String.format(Locale.ROOT, "more specific than %s (%d dependents), which explains the same impaired services less well (%.1f bans)",
                        graph.idOf(other), counts.dependents(other), rival.score()));
            } else if (graph.isAncestor(c, other)) {
                parts.add(graph.idOf(other));
            }
        }
        if (parts.size() > 1) {
            reasons.add("the impaired services span " + parts.size() + " of its parts (" + String.join(", ", parts)
                    + "): one shared cause explains them better than each part alone");
        }
        if (candidate.gatedOut > 0) {
            reasons.add(candidate.gatedOut + " impaired dependents reported another region and were not counted (region gate)");
        }

        List<Attribution> alternativeAttributions = new ArrayList<>();
        for (int i = 0; i < Math.min(config.maxAlternatives(), alternatives.size()); i++) {
            Rival rival = alternatives.get(i);
            double[] others = new double[alternatives.size()];
            others[0] = chosen.score();
            for (int j = 0, o = 1; j < alternatives.size(); j++) {
                if (j != i) {
                    others[o++] = alternatives.get(j).score();
                }
            }
            int a = rival.candidate().component;
            List<String> why = new ArrayList<>();
            why.add(countLine(rival.overlap(), counts.dependents(a), evaluation.baseRate[a], rival.logTail(), "dependents"));
            why.addAll(rival.candidate().reasons);
            alternativeAttributions.add(new Attribution(graph.idOf(a), rival.score(),
                    model.confidence(rival.score(), threshold, others), Math.exp(rival.logTail()),
                    rival.overlap(), counts.dependents(a), rival.candidate().statusAgrees, why, List.of()));
        }
        return new Attribution(graph.idOf(c), chosen.score(), confidence, Math.exp(chosen.logTail()), k, n,
                candidate.statusAgrees, reasons, alternativeAttributions);
    }

    Attribution unknown(int k, long weight, int horizonWindows, double logTail, double score, double threshold,
                        Map<String, String> common) {
        int n = counts.rootDependents();
        long minutes = horizonWindows * config.window().toMinutes();
        double p = evaluation.rootBaseRate();
        double expected = n * (1 - Math.pow(1 - p, horizonWindows));
        List<String> reasons = new ArrayList<>();
        reasons.add(String.format(Locale.ROOT, "%d services whose impairment started within %d min share no significant "
                + "catalog component", k, minutes));
        reasons.add(String.format(Locale.ROOT, "%d of %d services (%.2f expected at a base rate of %.2g per %d min "
                        + "window); tail p = %.3g, counting the %d onset horizons scanned",
                k, n, expected, p, config.window().toMinutes(), Math.exp(logTail),
                Math.max(1, config.unknownOnset().toMillis() / config.windowMillis())));
        if (weight < (long) k * ComponentCounts.WEIGHT_ONE) {
            reasons.add(String.format(Locale.ROOT, "surprise-weighted count %.2f of %d", (double) weight / ComponentCounts.WEIGHT_ONE, k));
        }
        reasons.add(common.isEmpty() ? "they share no catalog attribute: extend the catalog"
                : "they share " + common + ": a lead for the catalog");
        return new Attribution(null, score, model.confidence(score, threshold, new double[0]),
                Math.exp(logTail), k, n, false, reasons, List.of());
    }

    private String countLine(int k, int n, double p, double logTail, String population) {
        return String.format(Locale.ROOT, "%d of %d %s impaired within %d min (%.2f expected at a base rate of %.2g per window); tail p = %.3g",
                k, n, population, config.window().toMinutes(), n * p, p, Math.exp(logTail));
    }
}
