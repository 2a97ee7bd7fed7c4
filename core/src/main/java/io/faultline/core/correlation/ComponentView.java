package io.faultline.core.correlation;

/**
 * Live view of one component, for the timeline API's live state and for diagnostics.
 *
 * @param impaired         k: impaired dependents counted in the window (after the region gate)
 * @param weightedImpaired surprise-weighted k
 * @param dependents       n: all dependents in the catalog
 * @param baseRate         learnt per-dependent impairment rate per window, as of the last tick
 * @param statusTroubled   its own status page reports trouble
 * @param ownImpaired      its own measured health is impaired
 */
public record ComponentView(String componentId, int impaired, double weightedImpaired, int dependents, double baseRate,
                            boolean statusTroubled, boolean ownImpaired) {
}
