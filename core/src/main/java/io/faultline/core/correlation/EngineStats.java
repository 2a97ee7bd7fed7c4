package io.faultline.core.correlation;

/**
 * Sizes of the engine's working state, for metrics and for tests that assert state is bounded.
 * Every field but the three counters of dropped input returns to zero once all services are UP
 * and idle, every status page is quiet and every incident has closed. (Learnt base rates are
 * model state sized by the catalog, not by traffic, and are not counted here.)
 *
 * @param trackedEntities      entities with health state held
 * @param countedServices      services counted toward their components (impaired within the window)
 * @param pendingUpdates       entities with updates waiting for the next tick
 * @param scheduledTimers      pending expiry / staleness / clean-up timers
 * @param activeComponents     components with at least one impaired dependent (root included)
 * @param troubledComponents   components whose status page reports trouble
 * @param trackedStatusPages   components with status-page state held
 * @param openIncidents        incidents not yet resolved
 */
public record EngineStats(int trackedEntities, int countedServices, int pendingUpdates, int scheduledTimers,
                          int activeComponents, int troubledComponents, int trackedStatusPages, int openIncidents,
                          long droppedLateUpdates, long unknownEntityUpdates, long staleImpairmentsDropped) {

    /** True when no working state is held (dropped-input counters aside). */
    public boolean isEmpty() {
        return trackedEntities == 0 && countedServices == 0 && pendingUpdates == 0 && scheduledTimers == 0
                && activeComponents == 0 && troubledComponents == 0 && trackedStatusPages == 0 && openIncidents == 0;
    }
}
