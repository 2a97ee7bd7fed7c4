package io.faultline.core.correlation;

/**
 * Health of a service (or of a component measured directly), as the per-service health stage
 * judges it. Mirrors the wire enum {@code HealthState}.
 *
 * <p>Only DEGRADED and DOWN are impairments. UNKNOWN means the signal was lost: it is not counted
 * as an impairment (the engine acts on positive evidence only), so it ends an impairment like UP.
 */
public enum HealthLevel {
    UP(0),
    DEGRADED(2),
    DOWN(3),
    UNKNOWN(1);

    private final int severity;

    HealthLevel(int severity) {
        this.severity = severity;
    }

    public boolean isImpairment() {
        return this == DEGRADED || this == DOWN;
    }

    /** Tie-break between updates with the same event time: the more severe one wins. */
    int severity() {
        return severity;
    }

    private static final HealthLevel[] VALUES = values();

    static HealthLevel ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
