package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;

/**
 * Updates the base rates at the end of each tick from the services counted in the window, except
 * those that belong to an open incident: the base rate describes normal behaviour, and an outage
 * in progress must neither raise it (which would let a long outage resolve itself) nor lower the
 * weight of its members for the next outage. For components the excluded dependent-windows leave
 * numerator and denominator alike. Limit: a service's own rate keeps its denominator (one global
 * window count), so members' own rates drift slightly low during an incident, which can only keep
 * their weight at 1.
 *
 * <p>The virtual root (all services, the base rate of the unknown-cause test) also skips a tick in
 * which its impaired services outside open incidents are already suspicious (their tail passes the
 * resolve threshold, the looser hysteresis level): an outage whose services fail one after another, before any incident holds
 * them, would otherwise teach the engine within minutes that so many failures are normal and never
 * open. Ordinary windows rarely pass that level, so everyday blips are still learnt.
 */
final class Learner {

    private final DependencyGraph graph;
    private final CorrelationConfig config;
    private final ComponentCounts counts;
    private final ServiceStates states;
    private final BaseRates rates;
    private final Evaluation evaluation;
    private final long[] memberWeight;
    private final int[] memberCount;
    private final IntList touched = new IntList(256);
    private long rootMemberWeight;
    private int rootMemberCount;

    Learner(DependencyGraph graph, CorrelationConfig config, ComponentCounts counts, ServiceStates states, BaseRates rates,
            Evaluation evaluation) {
        this.graph = graph;
        this.evaluation = evaluation;
        this.config = config;
        this.counts = counts;
        this.states = states;
        this.rates = rates;
        this.memberWeight = new long[graph.size()];
        this.memberCount = new int[graph.size()];
    }

    void learn(long now, long elapsedMillis) {
        double windows = (double) elapsedMillis / config.windowMillis();
        rates.learnWindows(now, windows);
        IntList counted = states.counted();
        for (int i = 0; i < counted.size(); i++) {
            int s = counted.get(i);
            if (states.isMember(s)) {
                excludeFromComponents(s);
            } else {
                rates.learnService(s, now, windows);
            }
        }
        IntList active = counts.active();
        for (int i = 0; i < active.size(); i++) {
            int component = active.get(i);
            long background = counts.weighted(component) - memberWeight[component];
            if (background > 0 || memberCount[component] > 0) {
                rates.learnComponent(component, now, windows * background / ComponentCounts.WEIGHT_ONE,
                        windows * memberCount[component]);
            }
        }
        if (counts.rootImpaired() > 0) {
            learnRoot(now, windows);
        }
        for (int i = 0; i < touched.size(); i++) {
            memberWeight[touched.get(i)] = 0;
            memberCount[touched.get(i)] = 0;
        }
        touched.clear();
        rootMemberWeight = 0;
        rootMemberCount = 0;
    }

    private void learnRoot(long now, double windows) {
        long background = counts.rootWeighted() - rootMemberWeight;
        if (backgroundIsSuspicious(background, counts.rootImpaired() - rootMemberCount)) {
            rates.learnRoot(now, 0, windows * counts.rootImpaired());
        } else if (background > 0 || rootMemberCount > 0) {
            rates.learnRoot(now, windows * background / ComponentCounts.WEIGHT_ONE, windows * rootMemberCount);
        }
    }

    /** The root's services outside open incidents are already too many for chance (the resolve level). */
    private boolean backgroundIsSuspicious(long weight, int services) {
        if (services < config.minImpaired() || !evaluation.isRootTested()) {
            return false;
        }
        double logTail = BinomialTail.logUpperTail((double) weight / ComponentCounts.WEIGHT_ONE, counts.rootDependents(),
                evaluation.rootBaseRate());
        return BinomialTail.bans(logTail) >= evaluation.resolveThresholdBans;
    }

    private void excludeFromComponents(int s) {
        int weight = states.countedWeight(s);
        int region = states.countedRegion(s);
        for (int i = graph.ancestorStart(s); i < graph.ancestorEnd(s); i++) {
            int component = graph.ancestorAt(i);
            if (DependencyGraph.regionAllows(graph.regionOf(component), region)) {
                exclude(component, weight);
            }
        }
        rootMemberWeight += weight;
        rootMemberCount++;
    }

    private void exclude(int component, int weight) {
        if (memberCount[component] == 0) {
            touched.add(component);
        }
        memberWeight[component] += weight;
        memberCount[component]++;
    }
}
