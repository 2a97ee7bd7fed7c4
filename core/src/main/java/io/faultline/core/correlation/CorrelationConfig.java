package io.faultline.core.correlation;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Every tunable of the correlation engine, validated at construction with a message naming the
 * setting. Scores are in bans (log10 units): +2 bans multiplies the odds by 100.
 *
 * @param window                 W: a dependent counts while impaired and for W after it recovers
 * @param tickInterval           how often the host calls tick; also the timer granularity
 * @param minImpaired            minimum impaired dependents (k) before a component can be suspected
 * @param minRateRatio           minimum ratio of the (weighted) impaired count to the count its base rate
 *                               expects; half of it keeps an incident open. A binomial test over thousands of
 *                               dependents flags small, overdispersed swings of the background; an outage
 *                               multiplies the count instead of nudging it
 * @param minConfidence          health updates below this confidence are not impairments
 * @param alpha                  significance level (after the multiple-testing correction) to open
 * @param resolveAlpha           higher level the corrected tail must exceed to count as quiet (hysteresis)
 * @param correction             multiple-testing correction across the components tested in a tick
 * @param confirmTicks           m: consecutive significant ticks that confirm a suspected incident
 * @param resolveTicks           r: consecutive quiet ticks that resolve an incident
 * @param causeSwitchTicks       consecutive ticks a different cause must win before the cause changes
 * @param mergeOverlap           fraction of the smaller member set two groups must share to merge
 * @param maxOpen                an incident open this long expires; an impairment not refreshed this long is dropped
 * @param idleAfter              per-service state of a service that is UP and quiet this long is cleared
 * @param allowedLateness        updates older than (last tick - this) are dropped and counted
 * @param baseRateHalfLife       half-life of the exponentially decayed base-rate history
 * @param componentPrior         prior on a component's per-dependent impairment rate per window
 * @param servicePrior           prior on a service's own impairment rate per window
 * @param minServiceWeight       floor of the surprise weight of an always-failing service
 * @param statusPageLag          a status page reporting trouble later than this after the dependents is "late"
 * @param healthLag              a component's own measured impairment later than this after its dependents is "late"
 * @param statusPageBonus        bans added when the component's status page reports trouble in time
 * @param ownTroubleBonus        bans added when the component's own health is impaired in time
 * @param lateTroublePenalty     bans removed when its trouble starts clearly after its dependents'
 * @param confidenceSlope        slope of the logistic that maps the score to a confidence
 * @param confidenceMidpoint     bans above the significance threshold at which the evidence term is 0.5
 * @param maxAlternatives        runner-up causes reported with an attribution
 * @param maxTimelineEntries     cap on an incident's timeline (oldest member entries are dropped first)
 * @param revisionConfidenceStep a confidence change at least this large makes a new revision
 * @param unknownOnset           longest span over which the onsets of services no component explains are
 *                               scanned for an unknown shared cause (in whole windows; at least one window)
 * @param statusOnlyDiscount     factor (0, 1] on the confidence of a cause named only because its own status
 *                               page reported trouble while services with no known edge to it failed
 */
public record CorrelationConfig(
        Duration window, Duration tickInterval, int minImpaired, double minRateRatio, double minConfidence,
        double alpha, double resolveAlpha, MultipleTesting correction,
        int confirmTicks, int resolveTicks, int causeSwitchTicks, double mergeOverlap,
        Duration maxOpen, Duration idleAfter, Duration allowedLateness, Duration baseRateHalfLife,
        BetaPrior componentPrior, BetaPrior servicePrior, double minServiceWeight,
        Duration statusPageLag, Duration healthLag,
        double statusPageBonus, double ownTroubleBonus, double lateTroublePenalty,
        double confidenceSlope, double confidenceMidpoint,
        int maxAlternatives, int maxTimelineEntries, double revisionConfidenceStep,
        Duration unknownOnset, double statusOnlyDiscount) implements Serializable {

    public static final Duration WINDOW = Duration.ofMinutes(10);
    public static final Duration TICK_INTERVAL = Duration.ofMinutes(1);
    public static final Duration MAX_OPEN = Duration.ofHours(48);
    public static final Duration INACTIVITY_GAP = Duration.ofMinutes(30);
    public static final Duration ALLOWED_LATENESS = Duration.ofMinutes(10);
    public static final Duration BASE_RATE_HALF_LIFE = Duration.ofDays(7);
    /** AWS acknowledged the 2021-12-07 us-east-1 outage about an hour in; a page that late is not "after". */
    public static final Duration STATUS_PAGE_LAG = Duration.ofMinutes(75);
    public static final Duration HEALTH_LAG = Duration.ofMinutes(10);
    /** Services of one outage often fail one after another over tens of minutes (reports, retries, caches expiring). */
    public static final Duration UNKNOWN_ONSET = Duration.ofMinutes(30);

    public CorrelationConfig {
        positive("window", window);
        positive("tickInterval", tickInterval);
        check(window.compareTo(tickInterval) >= 0, "window", "must be at least tickInterval (" + tickInterval + ")", window);
        check(minImpaired >= 2, "minImpaired", "must be at least 2 (one service never makes an outage)", minImpaired);
        check(minRateRatio >= 1, "minRateRatio", "must be at least 1", minRateRatio);
        check(minConfidence >= 0 && minConfidence <= 1, "minConfidence", "must be in [0, 1]", minConfidence);
        check(alpha > 0 && alpha < 1, "alpha", "must be in (0, 1)", alpha);
        check(resolveAlpha >= alpha && resolveAlpha < 1, "resolveAlpha", "must be in [alpha, 1)", resolveAlpha);
        Objects.requireNonNull(correction, "correction");
        check(confirmTicks >= 1, "confirmTicks", "must be at least 1", confirmTicks);
        check(resolveTicks >= 1, "resolveTicks", "must be at least 1", resolveTicks);
        check(causeSwitchTicks >= 1, "causeSwitchTicks", "must be at least 1", causeSwitchTicks);
        check(mergeOverlap > 0 && mergeOverlap < 1, "mergeOverlap", "must be in (0, 1)", mergeOverlap);
        positive("maxOpen", maxOpen);
        positive("idleAfter", idleAfter);
        check(!allowedLateness.isNegative(), "allowedLateness", "must not be negative", allowedLateness);
        check(idleAfter.compareTo(allowedLateness) >= 0, "idleAfter", "must be at least allowedLateness (" + allowedLateness + ")", idleAfter);
        positive("baseRateHalfLife", baseRateHalfLife);
        Objects.requireNonNull(componentPrior, "componentPrior");
        Objects.requireNonNull(servicePrior, "servicePrior");
        check(minServiceWeight > 0 && minServiceWeight <= 1, "minServiceWeight", "must be in (0, 1]", minServiceWeight);
        check(!statusPageLag.isNegative(), "statusPageLag", "must not be negative", statusPageLag);
        check(!healthLag.isNegative(), "healthLag", "must not be negative", healthLag);
        check(statusPageBonus >= 0, "statusPageBonus", "must not be negative", statusPageBonus);
        check(ownTroubleBonus >= 0, "ownTroubleBonus", "must not be negative", ownTroubleBonus);
        check(lateTroublePenalty >= 0, "lateTroublePenalty", "must not be negative", lateTroublePenalty);
        check(confidenceSlope > 0, "confidenceSlope", "must be positive", confidenceSlope);
        check(Double.isFinite(confidenceMidpoint), "confidenceMidpoint", "must be finite", confidenceMidpoint);
        check(maxAlternatives >= 0, "maxAlternatives", "must not be negative", maxAlternatives);
        check(maxTimelineEntries >= 10, "maxTimelineEntries", "must be at least 10", maxTimelineEntries);
        check(revisionConfidenceStep > 0 && revisionConfidenceStep <= 1, "revisionConfidenceStep", "must be in (0, 1]", revisionConfidenceStep);
        Objects.requireNonNull(unknownOnset, "unknownOnset");
        check(unknownOnset.compareTo(window) >= 0, "unknownOnset", "must be at least window (" + window + ")", unknownOnset);
        check(statusOnlyDiscount > 0 && statusOnlyDiscount <= 1, "statusOnlyDiscount", "must be in (0, 1]", statusOnlyDiscount);
    }

    /** The defaults documented on each constant and in {@link Builder}. */
    public static CorrelationConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public long windowMillis() {
        return window.toMillis();
    }

    public long tickMillis() {
        return tickInterval.toMillis();
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        check(!value.isNegative() && !value.isZero(), name, "must be positive", value);
    }

    private static void check(boolean ok, String name, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("correlation setting '" + name + "' " + rule + ", was " + value);
        }
    }

    /** Fluent copy-and-change; starts from the defaults. */
    public static final class Builder {
        private Duration window = WINDOW;
        private Duration tickInterval = TICK_INTERVAL;
        private int minImpaired = 3;
        private double minRateRatio = 3.0;
        private double minConfidence = 0.5;
        private double alpha = 0.001;
        private double resolveAlpha = 0.05;
        private MultipleTesting correction = MultipleTesting.BENJAMINI_HOCHBERG;
        private int confirmTicks = 3;
        private int resolveTicks = 5;
        private int causeSwitchTicks = 2;
        private double mergeOverlap = 0.5;
        private Duration maxOpen = MAX_OPEN;
        private Duration idleAfter = INACTIVITY_GAP;
        private Duration allowedLateness = ALLOWED_LATENESS;
        private Duration baseRateHalfLife = BASE_RATE_HALF_LIFE;
        private BetaPrior componentPrior = new BetaPrior(1, 200);
        private BetaPrior servicePrior = new BetaPrior(1, 200);
        private double minServiceWeight = 0.05;
        private Duration statusPageLag = STATUS_PAGE_LAG;
        private Duration healthLag = HEALTH_LAG;
        private double statusPageBonus = 2.0;
        private double ownTroubleBonus = 1.0;
        private double lateTroublePenalty = 1.0;
        private double confidenceSlope = 0.5;
        private double confidenceMidpoint = 0.0;
        private int maxAlternatives = 3;
        private int maxTimelineEntries = 500;
        private double revisionConfidenceStep = 0.05;
        private Duration unknownOnset = UNKNOWN_ONSET;
        private double statusOnlyDiscount = 0.5;

        private Builder() {
        }

        private Builder(CorrelationConfig c) {
            window = c.window; tickInterval = c.tickInterval; minImpaired = c.minImpaired; minRateRatio = c.minRateRatio;
            minConfidence = c.minConfidence; alpha = c.alpha; resolveAlpha = c.resolveAlpha;
            correction = c.correction; confirmTicks = c.confirmTicks; resolveTicks = c.resolveTicks;
            causeSwitchTicks = c.causeSwitchTicks; mergeOverlap = c.mergeOverlap; maxOpen = c.maxOpen;
            idleAfter = c.idleAfter; allowedLateness = c.allowedLateness; baseRateHalfLife = c.baseRateHalfLife;
            componentPrior = c.componentPrior; servicePrior = c.servicePrior; minServiceWeight = c.minServiceWeight;
            statusPageLag = c.statusPageLag; healthLag = c.healthLag; statusPageBonus = c.statusPageBonus;
            ownTroubleBonus = c.ownTroubleBonus; lateTroublePenalty = c.lateTroublePenalty;
            confidenceSlope = c.confidenceSlope; confidenceMidpoint = c.confidenceMidpoint;
            maxAlternatives = c.maxAlternatives; maxTimelineEntries = c.maxTimelineEntries;
            revisionConfidenceStep = c.revisionConfidenceStep;
            unknownOnset = c.unknownOnset; statusOnlyDiscount = c.statusOnlyDiscount;
        }

        public Builder window(Duration v) { window = v; return this; }
        public Builder tickInterval(Duration v) { tickInterval = v; return this; }
        public Builder minImpaired(int v) { minImpaired = v; return this; }
        public Builder minRateRatio(double v) { minRateRatio = v; return this; }
        public Builder minConfidence(double v) { minConfidence = v; return this; }
        public Builder alpha(double v) { alpha = v; return this; }
        public Builder resolveAlpha(double v) { resolveAlpha = v; return this; }
        public Builder correction(MultipleTesting v) { correction = v; return this; }
        public Builder confirmTicks(int v) { confirmTicks = v; return this; }
        public Builder resolveTicks(int v) { resolveTicks = v; return this; }
        public Builder causeSwitchTicks(int v) { causeSwitchTicks = v; return this; }
        public Builder mergeOverlap(double v) { mergeOverlap = v; return this; }
        public Builder maxOpen(Duration v) { maxOpen = v; return this; }
        public Builder idleAfter(Duration v) { idleAfter = v; return this; }
        public Builder allowedLateness(Duration v) { allowedLateness = v; return this; }
        public Builder baseRateHalfLife(Duration v) { baseRateHalfLife = v; return this; }
        public Builder componentPrior(BetaPrior v) { componentPrior = v; return this; }
        public Builder servicePrior(BetaPrior v) { servicePrior = v; return this; }
        public Builder minServiceWeight(double v) { minServiceWeight = v; return this; }
        public Builder statusPageLag(Duration v) { statusPageLag = v; return this; }
        public Builder healthLag(Duration v) { healthLag = v; return this; }
        public Builder statusPageBonus(double v) { statusPageBonus = v; return this; }
        public Builder ownTroubleBonus(double v) { ownTroubleBonus = v; return this; }
        public Builder lateTroublePenalty(double v) { lateTroublePenalty = v; return this; }
        public Builder confidenceSlope(double v) { confidenceSlope = v; return this; }
        public Builder confidenceMidpoint(double v) { confidenceMidpoint = v; return this; }
        public Builder maxAlternatives(int v) { maxAlternatives = v; return this; }
        public Builder maxTimelineEntries(int v) { maxTimelineEntries = v; return this; }
        public Builder revisionConfidenceStep(double v) { revisionConfidenceStep = v; return this; }
        public Builder unknownOnset(Duration v) { unknownOnset = v; return this; }
        public Builder statusOnlyDiscount(double v) { statusOnlyDiscount = v; return this; }

        public CorrelationConfig build() {
            return new CorrelationConfig(window, tickInterval, minImpaired, minRateRatio, minConfidence, alpha, resolveAlpha,
                    correction, confirmTicks, resolveTicks, causeSwitchTicks, mergeOverlap, maxOpen, idleAfter,
                    allowedLateness, baseRateHalfLife, componentPrior, servicePrior, minServiceWeight,
                    statusPageLag, healthLag, statusPageBonus, ownTroubleBonus, lateTroublePenalty,
                    confidenceSlope, confidenceMidpoint, maxAlternatives, maxTimelineEntries, revisionConfidenceStep,
                    unknownOnset, statusOnlyDiscount);
        }
    }
}
