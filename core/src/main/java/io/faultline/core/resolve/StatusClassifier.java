package io.faultline.core.resolve;

import io.faultline.core.signal.PageStatus;

/**
 * What one status-page change says, in one {@link PageStatus}: a component's new status as
 * given; an incident by its lifecycle (a finished incident is an all-clear) and its declared
 * impact, or the worst affected component status when that is worse; maintenance as
 * maintenance until it completes.
 */
public final class StatusClassifier {

    private StatusClassifier() {
    }

    public static PageStatus classify(StatusObservation o) {
        String kind = o.kind() == null ? "OTHER" : o.kind();
        PageStatus component = component(o.componentStatus());
        switch (kind) {
            case "COMPONENT", "PAGE" -> {
                return component;
            }
            case "MAINTENANCE" -> {
                return finished(o.incidentStatus()) ? PageStatus.RESOLVED : PageStatus.UNDER_MAINTENANCE;
            }
            case "INCIDENT" -> {
                if (finished(o.incidentStatus())) {
                    return PageStatus.RESOLVED;
                }
                PageStatus byImpact = switch (o.incidentImpact() == null ? "UNKNOWN" : o.incidentImpact()) {
                    case "CRITICAL" -> PageStatus.INCIDENT_CRITICAL;
                    case "MAJOR" -> PageStatus.INCIDENT_MAJOR;
                    case "NONE" -> PageStatus.INCIDENT_NONE;
                    case "MAINTENANCE" -> PageStatus.UNDER_MAINTENANCE;
                    default -> PageStatus.INCIDENT_MINOR;
                };
                return worse(byImpact, component);
            }
            default -> {
                return component == PageStatus.UNKNOWN ? PageStatus.UNKNOWN : component;
            }
        }
    }

    private static boolean finished(String incidentStatus) {
        return incidentStatus != null && switch (incidentStatus) {
            case "RESOLVED", "POSTMORTEM", "COMPLETED" -> true;
            default -> false;
        };
    }

    private static PageStatus component(String s) {
        if (s == null) {
            return PageStatus.UNKNOWN;
        }
        return switch (s) {
            case "OPERATIONAL" -> PageStatus.OPERATIONAL;
            case "DEGRADED_PERFORMANCE" -> PageStatus.DEGRADED_PERFORMANCE;
            case "PARTIAL_OUTAGE" -> PageStatus.PARTIAL_OUTAGE;
            case "MAJOR_OUTAGE" -> PageStatus.MAJOR_OUTAGE;
            case "UNDER_MAINTENANCE" -> PageStatus.UNDER_MAINTENANCE;
            default -> PageStatus.UNKNOWN;
        };
    }

    /** The more severe of an incident's impact and its worst component status. */
    private static PageStatus worse(PageStatus incident, PageStatus component) {
        return switch (component) {
            case MAJOR_OUTAGE -> PageStatus.INCIDENT_CRITICAL;
            case PARTIAL_OUTAGE -> incident == PageStatus.INCIDENT_CRITICAL ? incident : PageStatus.INCIDENT_MAJOR;
            default -> incident;
        };
    }
}
