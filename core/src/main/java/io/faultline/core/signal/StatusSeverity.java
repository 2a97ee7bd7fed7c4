package io.faultline.core.signal;

import io.faultline.core.correlation.HealthLevel;

/**
 * Status-page detector: a component state or incident impact mapped to a health level and a
 * strength. A page is the owner's own word, so a major outage is full-strength DOWN; planned
 * maintenance is weak (below the degraded threshold on its own) because it is announced and
 * usually invisible to users; an incident with impact "none" is weaker still.
 */
public final class StatusSeverity {

    /** The level and strength a status says. */
    public record Assessment(HealthLevel level, double strength) {
    }

    private static final Assessment UP = new Assessment(HealthLevel.UP, 1.0);

    private StatusSeverity() {
    }

    public static Assessment of(PageStatus status) {
        return switch (status) {
            case OPERATIONAL, RESOLVED -> UP;
            case DEGRADED_PERFORMANCE -> new Assessment(HealthLevel.DEGRADED, 0.6);
            case PARTIAL_OUTAGE -> new Assessment(HealthLevel.DEGRADED, 0.8);
            case MAJOR_OUTAGE -> new Assessment(HealthLevel.DOWN, 0.9);
            case UNDER_MAINTENANCE -> new Assessment(HealthLevel.DEGRADED, 0.3);
            case INCIDENT_CRITICAL -> new Assessment(HealthLevel.DOWN, 0.85);
            case INCIDENT_MAJOR -> new Assessment(HealthLevel.DEGRADED, 0.8);
            case INCIDENT_MINOR -> new Assessment(HealthLevel.DEGRADED, 0.6);
            case INCIDENT_NONE -> new Assessment(HealthLevel.DEGRADED, 0.35);
            case UNKNOWN -> new Assessment(HealthLevel.UNKNOWN, 0.0);
        };
    }
}
