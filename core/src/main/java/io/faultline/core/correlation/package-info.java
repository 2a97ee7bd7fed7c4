/**
 * Correlated-outage detection: many services impaired together, and the shared component most
 * likely to be the cause.
 *
 * <p>Entry point: {@link io.faultline.core.correlation.CorrelationEngine} (inputs
 * {@link io.faultline.core.correlation.HealthUpdate} and
 * {@link io.faultline.core.correlation.ComponentStatus}, output
 * {@link io.faultline.core.correlation.Incident} revisions from {@code tick}), configured by
 * {@link io.faultline.core.correlation.CorrelationConfig}, checkpointed as an
 * {@link io.faultline.core.correlation.EngineSnapshot}, replayed in batch by
 * {@link io.faultline.core.correlation.Replay}.
 *
 * <p>Model per tick (see {@code shared/notes/correlation-model.md} for the baseline it extends):
 * <ol>
 *   <li>a service counts toward every ancestor component while impaired and for one window after,
 *       weighted by how surprising its impairment is given its own learnt base rate, and only
 *       toward regional components whose region matches the one it reported (region gate);</li>
 *   <li>every component with at least minImpaired impaired dependents is tested with the binomial
 *       tail against its learnt base rate ({@link io.faultline.core.correlation.BinomialTail});</li>
 *   <li>a greedy weighted set cover picks the components that explain the impaired services,
 *       re-testing the remaining candidates after each pick with the multiple-testing correction
 *       over all components that could be suspected; status pages and the timing of a
 *       component's own trouble add or remove evidence; what no component explains may be an
 *       unknown shared cause;</li>
 *   <li>the incident lifecycle turns the groups into incidents with stable ids, hysteresis,
 *       merges and expiry, and emits the revisions that changed;</li>
 *   <li>base rates learn from the windows that are not part of an open incident.</li>
 * </ol>
 */
package io.faultline.core.correlation;
