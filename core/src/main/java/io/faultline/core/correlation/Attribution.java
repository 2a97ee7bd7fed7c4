package io.faultline.core.correlation;

import java.io.Serializable;
import java.util.List;

/**
 * A suspected shared cause.
 *
 * @param componentId      catalog id of the component, or null for an unknown shared cause
 * @param score            evidence in bans: -log10 of the tail probability of the impaired services
 *                         it explains, plus status-page / own-trouble bonuses, minus late-trouble
 *                         penalties. The confidence is a monotone transform of it ({@link ConfidenceModel}).
 * @param confidence       0..1, see {@link ConfidenceModel}
 * @param pValue           binomial tail P(K &gt;= k | n, p) for the impaired dependents it explains
 *                         (underflows to 0 for overwhelming evidence; the score does not)
 * @param impaired         k: impaired dependents it explains in the window
 * @param total            n: all its dependents in the catalog
 * @param statusPageAgrees whether the component's own status page reports trouble
 * @param reasons          why, in words
 * @param alternatives     runner-up explanations of the same services, best first (their own
 *                         alternatives are empty)
 */
public record Attribution(String componentId, double score, double confidence, double pValue, int impaired,
                          int total, boolean statusPageAgrees, List<String> reasons,
                          List<Attribution> alternatives) implements Serializable {

    public Attribution {
        reasons = List.copyOf(reasons);
        alternatives = List.copyOf(alternatives);
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }

    public boolean isUnknownCause() {
        return componentId == null;
    }
}
