package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.CauseEvidence.Candidate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Attribution: which components explain the impaired services of this tick.
 *
 * <p>Greedy weighted set cover. Candidates are the tested components: every component with at
 * least minImpaired impaired dependents, which includes each suspected component's ancestors.
 * Each round re-tests every candidate on the impaired services no earlier pick explains, applies
 * the multiple-testing correction to those tails, and picks, among the candidates that pass, the
 * one with the largest gain = (weighted count of impaired dependents it newly covers) x (their
 * score in bans, plus evidence bonuses). A pick must cover at least minImpaired new services and
 * minRateRatio times what its base rate expects. Re-scoring on the newly covered services is what
 * keeps "aws" from also claiming the stray background failures left after "us-east-1" was chosen.
 * The gain prefers the most specific component (same services, fewer dependents, smaller tail),
 * the provider when several of its regions fail at once (twice the services, far smaller tail)
 * and a CDN over the cloud under it. Exact ties go to the candidate with more ancestors (more
 * specific), then the lower id. A provider chosen over a region that explains all but fewer than
 * minImpaired of its services gives way to that region ({@link #narrowest}).
 *
 * <p>Impaired services whose impairment started within the window and that no chosen component
 * explains form an unknown-cause group when their number is significant against the base rate of
 * all services (the virtual root).
 */
final class CauseFinder {

    private final DependencyGraph graph;
    private final CorrelationConfig config;
    private final ComponentCounts counts;
    private final ServiceStates states;
    private final StatusBoard status;
    private final Evaluation evaluation;
    private final AttributionWriter writer;
    private final int[] candidatePosition;
    /** covered[s] == coveredStamp: already explained in this tick (stamps avoid clearing arrays). */
    private final int[] covered;
    private int coveredStamp;
    /** inGroup[s] == groupStamp: member of the group being written. */
    private final int[] inGroup;
    private int groupStamp;

    CauseFinder(DependencyGraph graph, CorrelationConfig config, ComponentCounts counts, ServiceStates states,
                StatusBoard status, Evaluation evaluation) {
        this.graph = graph;
        this.config = config;
        this.counts = counts;
        this.states = states;
        this.status = status;
        this.evaluation = evaluation;
        this.writer = new AttributionWriter(graph, config, counts, evaluation);
        this.candidatePosition = new int[graph.size()];
        this.covered = new int[graph.size()];
        this.inGroup = new int[graph.size()];
        Arrays.fill(candidatePosition, -1);
    }

    /**
     * The round's threshold in bans: the multiple-testing correction applied to this round's
     * conditional tails (each candidate tested on the services no earlier pick explains), over the
     * whole family. Re-testing per round matters in a large outage: thousands of components are
     * significant on the raw counts, which loosens Benjamini-Hochberg, but once the outage's cause
     * explains their services only background remains, and the background must not pass.
     */
    private double threshold(List<Choice> round) {
        double[] logs = new double[round.size()];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = round.get(i).logTail();
        }
        return BinomialTail.bans(config.correction().logCutoff(logs, evaluation.family, config.alpha()));
    }

    /** A candidate's score on the services it would newly explain. */
    record Choice(Candidate candidate, int newCount, long newWeight, double logTail, double score, double gain) {

        boolean beats(Choice other, DependencyGraph graph) {
            if (gain != other.gain) {
                return gain > other.gain;
            }
            int specificity = graph.ancestorCount(candidate.component);
            int otherSpecificity = graph.ancestorCount(other.candidate.component);
            if (specificity != otherSpecificity) {
                return specificity > otherSpecificity;
            }
            return candidate.component < other.candidate.component;
        }
    }

    List<CauseGroup> find(long now) {
        int[] counted = states.countedSorted();
        List<Candidate> candidates = candidates();
        fillCovers(counted, candidates);
        for (Candidate candidate : candidates) {
            CauseEvidence.assess(candidate, states, status, config);
        }
        coveredStamp++;
        List<CauseGroup> groups = new ArrayList<>();
        List<Choice> round = new ArrayList<>();
        while (true) {
            round.clear();
            for (Candidate candidate : candidates) {
                Choice choice = score(candidate);
                if (choice != null) {
                    round.add(choice);
                }
            }
            double threshold = threshold(round);
            Choice best = null;
            for (Choice choice : round) {
                if (choice.score() >= threshold && (best == null || choice.beats(best, graph))) {
                    best = choice;
                }
            }
            if (best == null) {
                break;
            }
            best = narrowest(best, round, threshold);
            IntList members = new IntList(best.newCount());
            IntList cover = best.candidate().cover;
            for (int i = 0; i < cover.size(); i++) {
                int s = cover.get(i);
                if (covered[s] != coveredStamp) {
                    covered[s] = coveredStamp;
                    members.add(s);
                }
            }
            groups.add(group(best, threshold, members.toArray(), candidates));
        }
        CauseGroup unknown = unknownGroup(counted, now);
        if (unknown != null) {
            groups.add(unknown);
        }
        for (Candidate candidate : candidates) {
            candidatePosition[candidate.component] = -1;
        }
        return groups;
    }

    /**
     * A provider beats its region only when several regions fail: when a passing descendant of the
     * chosen component leaves fewer than minImpaired of its newly covered services unexplained, the
     * most specific such descendant is chosen instead, and the few services elsewhere are left to
     * later rounds (one stray failure in another region does not make the whole provider the cause).
     */
    private Choice narrowest(Choice best, List<Choice> round, double threshold) {
        Choice narrowest = best;
        for (Choice choice : round) {
            if (choice.score() < threshold || choice == best
                    || !graph.isAncestor(best.candidate().component, choice.candidate().component)
                    || best.newCount() - choice.newCount() >= config.minImpaired()) {
                continue;
            }
            if (narrowest == best || graph.ancestorCount(choice.candidate().component)
                    > graph.ancestorCount(narrowest.candidate().component)
                    || graph.ancestorCount(choice.candidate().component) == graph.ancestorCount(narrowest.candidate().component)
                    && choice.beats(narrowest, graph)) {
                narrowest = choice;
            }
        }
        return narrowest;
    }

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        IntList tested = evaluation.tested;
        for (int i = 0; i < tested.size(); i++) {
            int component = tested.get(i);
            candidatePosition[component] = candidates.size();
            candidates.add(new Candidate(component));
        }
        return candidates;
    }

    /** Each candidate's impaired dependents that pass its region gate, in entity order. */
    private void fillCovers(int[] counted, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return;
        }
        for (int s : counted) {
            int reported = states.countedRegion(s);
            for (int i = graph.ancestorStart(s); i < graph.ancestorEnd(s); i++) {
                int component = graph.ancestorAt(i);
                int position = candidatePosition[component];
                if (position < 0) {
                    continue;
                }
                Candidate candidate = candidates.get(position);
                if (DependencyGraph.regionAllows(graph.regionOf(component), reported)) {
                    candidate.cover.add(s);
                    candidate.coverUnconfirmed.add(graph.ancestorConfirmed(i) ? 0 : 1);
                } else {
                    candidate.gatedOut++;
                }
            }
        }
    }

    private Choice score(Candidate candidate) {
        int newCount = 0;
        long newWeight = 0;
        IntList cover = candidate.cover;
        for (int i = 0; i < cover.size(); i++) {
            int s = cover.get(i);
            if (covered[s] != coveredStamp) {
                newCount++;
                newWeight += weight(candidate, i, s);
            }
        }
        if (newCount < config.minImpaired()) {
            return null;
        }
        int c = candidate.component;
        double weighted = (double) newWeight / ComponentCounts.WEIGHT_ONE;
        if (weighted < config.minRateRatio() * counts.dependents(c) * evaluation.baseRate[c]) {
            return null;
        }
        double logTail = BinomialTail.logUpperTail(weighted, counts.dependents(c), evaluation.baseRate[c]);
        double score = BinomialTail.bans(logTail) + candidate.bonus;
        return new Choice(candidate, newCount, newWeight, logTail, score, newWeight * score);
    }

    private CauseGroup group(Choice chosen, double threshold, int[] members, List<Candidate> candidates) {
        groupStamp++;
        for (int s : members) {
            inGroup[s] = groupStamp;
        }
        List<AttributionWriter.Rival> rivals = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate == chosen.candidate()) {
                continue;
            }
            int overlap = 0;
            long overlapWeight = 0;
            for (int i = 0; i < candidate.cover.size(); i++) {
                int s = candidate.cover.get(i);
                if (inGroup[s] == groupStamp) {
                    overlap++;
                    overlapWeight += weight(candidate, i, s);
                }
            }
            if (overlap > 0) {
                int c = candidate.component;
                double logTail = BinomialTail.logUpperTail((double) overlapWeight / ComponentCounts.WEIGHT_ONE,
                        counts.dependents(c), evaluation.baseRate[c]);
                rivals.add(new AttributionWriter.Rival(candidate, overlap, logTail,
                        BinomialTail.bans(logTail) + candidate.bonus));
            }
        }
        int cause = chosen.candidate().component;
        noteUnconfirmed(chosen.candidate(), members.length);
        Attribution attribution = writer.chosen(chosen, threshold, members.length, rivals);
        return new CauseGroup(cause, graph.idOf(cause), members, attribution,
                CommonAttributes.of(graph, states, members));
    }

    /**
     * A dependent's weight for this candidate: its surprise weight, times
     * {@link DependencyGraph#UNCONFIRMED_EDGE_WEIGHT} when it reaches the candidate only through
     * unconfirmed (discovered) edges.
     */
    private long weight(CauseEvidence.Candidate candidate, int coverIndex, int s) {
        long w = states.countedWeight(s);
        return candidate.coverUnconfirmed.get(coverIndex) == 1 ? Math.round(w * DependencyGraph.UNCONFIRMED_EDGE_WEIGHT) : w;
    }

    /** Says in the reasons how many of the group rest on discovered edges only. */
    private void noteUnconfirmed(CauseEvidence.Candidate candidate, int groupSize) {
        int unconfirmed = 0;
        for (int i = 0; i < candidate.cover.size(); i++) {
            if (inGroup[candidate.cover.get(i)] == groupStamp && candidate.coverUnconfirmed.get(i) == 1) {
                unconfirmed++;
            }
        }
        if (unconfirmed > 0) {
            List<String> reasons = new ArrayList<>(candidate.reasons);
            reasons.add(String.format(java.util.Locale.ROOT, "%d of the %d impaired dependents depend on it only through "
                    + "unconfirmed discovered edges (DNS or IP-range evidence), counted at weight %.1f of a declared edge "
                    + "(included in the weighted count above)",
                    unconfirmed, groupSize, DependencyGraph.UNCONFIRMED_EDGE_WEIGHT));
            candidate.reasons = List.copyOf(reasons);
        }
    }

    /**
     * The impaired services no chosen component explains, when they are too many to be chance.
     * Their onsets are scanned over horizons of 1, 2, ... up to unknownOnset/W windows: an outage
     * whose services fail one after another over half an hour never puts many of them inside one
     * window, yet it is the same surprise. A horizon of h windows counts the unexplained services
     * whose impairment started within it and tests them against Binomial(n, 1 - (1 - p)^h), p the
     * virtual root's base rate per window; the best horizon's tail is multiplied by the number of
     * horizons tried (Bonferroni within the scan) before the usual correction over the family.
     */
    private CauseGroup unknownGroup(int[] counted, long now) {
        if (!evaluation.isRootTested()) {
            return null;
        }
        long window = config.windowMillis();
        int horizons = (int) Math.max(1, config.unknownOnset().toMillis() / window);
        int n = counts.rootDependents();
        double p = evaluation.rootBaseRate();
        double bestLogTail = 0;
        int bestHorizon = -1;
        long bestWeight = 0;
        int bestCount = 0;
        for (int h = 1; h <= horizons; h++) {
            long since = now - h * window;
            int k = 0;
            long weight = 0;
            for (int s : counted) {
                if (covered[s] != coveredStamp && states.episodeStart(s) > since) {
                    k++;
                    weight += states.countedWeight(s);
                }
            }
            double ph = 1 - Math.pow(1 - p, h);
            double weighted = (double) weight / ComponentCounts.WEIGHT_ONE;
            if (k < config.minImpaired() || weighted < config.minRateRatio() * n * ph) {
                continue;
            }
            double logTail = BinomialTail.logUpperTail(weighted, n, ph);
            if (bestHorizon < 0 || logTail < bestLogTail) {
                bestLogTail = logTail;
                bestHorizon = h;
                bestWeight = weight;
                bestCount = k;
            }
        }
        if (bestHorizon < 0) {
            return null;
        }
        double logTail = Math.min(0, bestLogTail + Math.log(horizons));
        double score = BinomialTail.bans(logTail);
        double threshold = BinomialTail.bans(config.correction().logCutoff(new double[] {logTail}, evaluation.family,
                config.alpha()));
        if (score < threshold) {
            return null;
        }
        IntList left = new IntList(bestCount);
        long since = now - bestHorizon * window;
        for (int s : counted) {
            if (covered[s] != coveredStamp && states.episodeStart(s) > since) {
                left.add(s);
            }
        }
        int[] members = left.toArray();
        var common = CommonAttributes.of(graph, states, members);
        return new CauseGroup(CauseGroup.UNKNOWN_CAUSE, null, members,
                writer.unknown(members.length, bestWeight, bestHorizon, logTail, score, threshold, common), common);
    }
}
