package io.faultline.core.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Evidence about a candidate cause beyond the count of its impaired dependents, as a bonus in bans
 * plus reasons in words:
 * <ul>
 *   <li>its own status page reports trouble no later than statusPageLag after its dependents'
 *       impairment formed: +statusPageBonus (strong, independent evidence);</li>
 *   <li>its own measured health is impaired no later than healthLag after: +ownTroubleBonus;</li>
 *   <li>either kind of trouble that starts clearly later: -lateTroublePenalty (a cause's trouble
 *       starts before or with its dependents'; trouble that follows them looks like a knock-on).</li>
 * </ul>
 * "Formed" is the time the minImpaired-th dependent became impaired: the moment the correlation
 * became visible, robust to one early, unrelated failure.
 */
final class CauseEvidence {

    private CauseEvidence() {
    }

    /** Candidate cause of one tick with the impaired dependents it could explain. */
    static final class Candidate {
        final int component;
        final IntList cover = new IntList(16);
        /** Parallel to cover: 1 where the dependent reaches this candidate only through unconfirmed edges. */
        final IntList coverUnconfirmed = new IntList(16);
        int gatedOut;
        double bonus;
        boolean statusAgrees;
        List<String> reasons = List.of();

        Candidate(int component) {
            this.component = component;
        }
    }

    static void assess(Candidate candidate, ServiceStates states, StatusBoard status, CorrelationConfig config) {
        if (candidate.cover.isEmpty()) {
            return;
        }
        long formed = formedAt(candidate.cover, states, config.minImpaired());
        List<String> reasons = new ArrayList<>(2);
        int c = candidate.component;
        if (status.troubled[c]) {
            candidate.statusAgrees = true;
            long lag = status.since[c] - formed;
            if (lag <= config.statusPageLag().toMillis()) {
                candidate.bonus += config.statusPageBonus();
                reasons.add("its status page reports trouble since " + Instant.ofEpochMilli(status.since[c])
                        + ", " + relation(lag) + " its dependents' impairment");
            } else {
                candidate.bonus -= config.lateTroublePenalty();
                reasons.add(String.format(Locale.ROOT, "its status page reported trouble only %d min after its "
                                + "dependents were impaired (beyond the %d min reporting-lag tolerance): weaker evidence",
                        lag / 60_000, config.statusPageLag().toMinutes()));
            }
        }
        if (states.isImpaired(c)) {
            long lag = states.episodeStart(c) - formed;
            if (lag <= config.healthLag().toMillis()) {
                candidate.bonus += config.ownTroubleBonus();
                reasons.add("its own health is " + states.level(c) + " since " + Instant.ofEpochMilli(states.episodeStart(c))
                        + ", " + relation(lag) + " its dependents'");
            } else {
                candidate.bonus -= config.lateTroublePenalty();
                reasons.add(String.format(Locale.ROOT, "its own impairment started %d min after its dependents' "
                                + "(beyond the %d min tolerance): looks like a knock-on effect",
                        lag / 60_000, config.healthLag().toMinutes()));
            }
        }
        candidate.reasons = List.copyOf(reasons);
    }

    private static String relation(long lagMillis) {
        if (lagMillis < -60_000) {
            return (-lagMillis / 60_000) + " min before";
        }
        if (lagMillis <= 60_000) {
            return "together with";
        }
        return (lagMillis / 60_000) + " min after (within the reporting-lag tolerance)";
    }

    /** Time the k-th earliest dependent became impaired (the latest one when fewer are covered). */
    private static long formedAt(IntList cover, ServiceStates states, int k) {
        long[] starts = new long[cover.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = states.episodeStart(cover.get(i));
        }
        Arrays.sort(starts);
        return starts[Math.min(k, starts.length) - 1];
    }
}
