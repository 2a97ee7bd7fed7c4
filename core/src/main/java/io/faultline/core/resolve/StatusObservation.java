package io.faultline.core.resolve;

import java.time.Instant;
import java.util.List;

/**
 * The core view of one status-page change. Status vocabularies are the Statuspage v2 names the
 * wire contract uses (OPERATIONAL, MAJOR_OUTAGE; INVESTIGATING, RESOLVED; CRITICAL, MINOR), as
 * strings so the core does not depend on the wire enums; null when the page did not say.
 *
 * @param kind COMPONENT, INCIDENT, MAINTENANCE, PAGE or OTHER
 */
public record StatusObservation(String naturalKey, String pageId, String pageUrl, String kind, String componentId,
                                String componentName, String groupName, String componentStatus,
                                String incidentId, String incidentName, String incidentStatus, String incidentImpact,
                                String updateBody, List<String> affectedComponents, Instant eventTime,
                                Instant observedAt) {

    public StatusObservation {
        affectedComponents = affectedComponents == null ? List.of() : List.copyOf(affectedComponents);
    }
}
