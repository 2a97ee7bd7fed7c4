package io.faultline.core.correlation;

/**
 * Learnt base rates, as exponentially decayed counts with a Beta prior.
 *
 * <ul>
 *   <li>Component C: p(C) = (a + impaired dependent-windows) / (a + b + n(C) * windows), with
 *       impaired dependent-windows surprise-weighted like the test statistic, so the null mean
 *       n * p matches the weighted count it is compared with.</li>
 *   <li>Service s: q(s) = (a + impaired windows) / (a + b + windows); its surprise weight is
 *       ln q(s) / ln(prior mean), clamped to [minWeight, 1]: a service no flakier than the prior
 *       counts fully, one impaired in a third of all windows counts about a fifth.</li>
 * </ul>
 *
 * Counts are in units of non-overlapping windows (a tick adds elapsed / W), decayed lazily: each
 * value keeps the time it was last brought up to date and is decayed on read, so only the few
 * entities with impaired dependents are touched per tick. A component's denominator is n(C) times
 * the windows seen, minus the dependent-windows it excluded: the windows in which an impaired
 * dependent belonged to an open incident are dropped from both sides (see {@code Learner}), so an
 * outage neither teaches the engine that outages are normal nor drags the rate down while its
 * dependents are set aside (which would keep the incident from ever resolving).
 */
final class BaseRates {

    static final long NEVER = Long.MIN_VALUE;

    private final double decayPerMilli;
    private final BetaPrior componentPrior;
    private final BetaPrior servicePrior;
    private final double minWeight;
    private final double logServicePriorMean;

    double windows;
    long windowsTime = NEVER;
    final double[] componentImpaired;
    final double[] componentExcluded;
    final long[] componentTime;
    final double[] serviceImpaired;
    final long[] serviceTime;
    /** The virtual root's counts (all services), kept apart from the components'. */
    double rootImpaired;
    double rootExcluded;
    long rootTime = NEVER;

    BaseRates(int entities, CorrelationConfig config) {
        this.decayPerMilli = Math.log(2) / config.baseRateHalfLife().toMillis();
        this.componentPrior = config.componentPrior();
        this.servicePrior = config.servicePrior();
        this.minWeight = config.minServiceWeight();
        this.logServicePriorMean = Math.log(servicePrior.mean());
        this.componentImpaired = new double[entities];
        this.componentExcluded = new double[entities];
        this.componentTime = new long[entities];
        this.serviceImpaired = new double[entities];
        this.serviceTime = new long[entities];
        java.util.Arrays.fill(componentTime, NEVER);
        java.util.Arrays.fill(serviceTime, NEVER);
    }

    double windowsAt(long now) {
        return windows * decay(windowsTime, now);
    }

    double componentRate(int component, int dependents, long now) {
        return rate(componentImpaired[component], componentExcluded[component], componentTime[component], dependents, now);
    }

    /** The virtual root's rate per service and window, like a component's. */
    double rootRate(int dependents, long now) {
        return rate(rootImpaired, rootExcluded, rootTime, dependents, now);
    }

    private double rate(double impairedCount, double excludedCount, long time, int dependents, long now) {
        double decay = decay(time, now);
        double impaired = impairedCount * decay;
        double observed = Math.max(0.0, dependents * windowsAt(now) - excludedCount * decay);
        double rate = (componentPrior.alpha() + impaired) / (componentPrior.alpha() + componentPrior.beta() + observed);
        return clampProbability(rate);
    }

    double serviceRate(int service, long now) {
        double impaired = serviceImpaired[service] * decay(serviceTime[service], now);
        double rate = (servicePrior.alpha() + impaired) / (servicePrior.alpha() + servicePrior.beta() + windowsAt(now));
        return clampProbability(rate);
    }

    /** Surprise weight in fixed point ({@link ComponentCounts#WEIGHT_ONE} = 1.0). */
    int serviceWeight(int service, long now) {
        double weight = Math.log(serviceRate(service, now)) / logServicePriorMean;
        weight = Math.max(minWeight, Math.min(1.0, weight));
        return Math.max(1, (int) Math.round(weight * ComponentCounts.WEIGHT_ONE));
    }

    void learnWindows(long now, double observed) {
        windows = windowsAt(now) + observed;
        windowsTime = now;
    }

    void learnComponent(int component, long now, double impairedDependentWindows, double excludedDependentWindows) {
        double decay = decay(componentTime[component], now);
        componentImpaired[component] = componentImpaired[component] * decay + impairedDependentWindows;
        componentExcluded[component] = componentExcluded[component] * decay + excludedDependentWindows;
        componentTime[component] = now;
    }

    void learnRoot(long now, double impairedDependentWindows, double excludedDependentWindows) {
        double decay = decay(rootTime, now);
        rootImpaired = rootImpaired * decay + impairedDependentWindows;
        rootExcluded = rootExcluded * decay + excludedDependentWindows;
        rootTime = now;
    }

    void learnService(int service, long now, double impairedWindows) {
        serviceImpaired[service] = serviceImpaired[service] * decay(serviceTime[service], now) + impairedWindows;
        serviceTime[service] = now;
    }

    private double decay(long from, long to) {
        return from == NEVER || to <= from ? 1.0 : Math.exp(-(to - from) * decayPerMilli);
    }

    private static double clampProbability(double rate) {
        return Math.max(1e-12, Math.min(1 - 1e-9, rate));
    }
}
