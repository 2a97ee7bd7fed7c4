package io.faultline.core.correlation;

/**
 * The significance test of one tick. Every component with at least minImpaired impaired
 * dependents, and the virtual root (all services) under the same rule, is tested: tail
 * P(K &gt;= k_w | n, p) with k_w the surprise-weighted count and p the learnt base rate. The
 * multiple-testing correction over the family of all components that could be suspected
 * (n &gt;= minImpaired; fixed per catalog; the root counts once when the catalog has enough
 * services) yields the threshold to stay open (resolveAlpha, the hysteresis). The threshold to
 * open (alpha) is applied by {@link CauseFinder} to the tails it re-tests in each round of the set
 * cover.
 */
final class Evaluation {

    private final ComponentCounts counts;
    private final BaseRates rates;
    private final CorrelationConfig config;
    /** Components tested this tick, in ascending id (never the root). */
    final IntList tested = new IntList(256);
    private final boolean[] isTested;
    final double[] logTail;
    final double[] baseRate;
    private boolean rootTested;
    private double rootBaseRate;
    /** Family size: components (and the root) with at least minImpaired dependents. */
    final int family;
    /** Tests run this tick, the root's included. */
    int m;
    /** Threshold (bans) an open incident's cause must keep to count as not quiet. */
    double resolveThresholdBans;

    Evaluation(int components, ComponentCounts counts, BaseRates rates, CorrelationConfig config) {
        this.counts = counts;
        this.rates = rates;
        this.config = config;
        this.isTested = new boolean[components];
        this.logTail = new double[components];
        this.baseRate = new double[components];
        int testable = counts.rootDependents() >= config.minImpaired() ? 1 : 0;
        for (int c = 0; c < components; c++) {
            testable += counts.dependents(c) >= config.minImpaired() ? 1 : 0;
        }
        this.family = testable;
    }

    void run(long now) {
        for (int i = 0; i < tested.size(); i++) {
            isTested[tested.get(i)] = false;
        }
        tested.clear();
        IntList active = counts.active();
        for (int i = 0; i < active.size(); i++) {
            int component = active.get(i);
            if (counts.impaired(component) >= config.minImpaired()) {
                tested.add(component);
            }
        }
        tested.sort();
        rootTested = counts.rootImpaired() >= config.minImpaired();
        m = tested.size() + (rootTested ? 1 : 0);
        double[] logs = new double[m];
        for (int i = 0; i < tested.size(); i++) {
            int component = tested.get(i);
            int dependents = counts.dependents(component);
            double p = rates.componentRate(component, dependents, now);
            baseRate[component] = p;
            logTail[component] = BinomialTail.logUpperTail(counts.weightedCount(component), dependents, p);
            logs[i] = logTail[component];
            isTested[component] = true;
        }
        if (rootTested) {
            int dependents = counts.rootDependents();
            rootBaseRate = rates.rootRate(dependents, now);
            logs[m - 1] = BinomialTail.logUpperTail(counts.rootWeightedCount(), dependents, rootBaseRate);
        }
        resolveThresholdBans = BinomialTail.bans(config.correction().logCutoff(logs, family, config.resolveAlpha()));
    }

    boolean isTested(int component) {
        return isTested[component];
    }

    /** -log10 of the tail at the component's full weighted count; 0 when it was not tested. */
    double bans(int component) {
        return isTested[component] ? BinomialTail.bans(logTail[component]) : 0.0;
    }

    /** Whether the root (many unrelated services at once) was tested this tick. */
    boolean isRootTested() {
        return rootTested;
    }

    /** The root's base rate as of its last test. */
    double rootBaseRate() {
        return rootBaseRate;
    }
}
