package io.faultline.core.correlation;

/** Lifecycle of a correlated incident. Merged-away and expired incidents end RESOLVED (see the timeline). */
public enum IncidentState {
    SUSPECTED,
    CONFIRMED,
    RESOLVED
}
