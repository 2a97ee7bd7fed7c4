package io.faultline.core.signal;

/**
 * What a status page says about a component or incident, in the Statuspage v2 vocabulary that
 * every page format is mapped onto by the ingestion parsers.
 */
public enum PageStatus {
    OPERATIONAL,
    DEGRADED_PERFORMANCE,
    PARTIAL_OUTAGE,
    MAJOR_OUTAGE,
    UNDER_MAINTENANCE,
    /** An incident that is open (investigating / identified / monitoring) with the given impact. */
    INCIDENT_CRITICAL,
    INCIDENT_MAJOR,
    INCIDENT_MINOR,
    INCIDENT_NONE,
    /** An incident or maintenance that is over (resolved, postmortem, completed). */
    RESOLVED,
    UNKNOWN
}
