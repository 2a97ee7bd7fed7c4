package io.faultline.core.correlation;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One revision of a correlated incident, as emitted by {@link CorrelationEngine#tick}. Every
 * revision is a complete picture (the incidents topic is compacted, the highest revision wins).
 *
 * @param id               stable id derived from the first cause and the opening tick, kept across
 *                         revisions, cause changes and merges (the older id survives a merge)
 * @param revision         1 for the first, +1 per emitted change
 * @param cause            the most likely shared cause (componentId null for an unknown cause)
 * @param members          services impaired as part of it, by first impaired time
 * @param timeline         evidence timeline, oldest first
 * @param commonAttributes attributes every active member shares (country, category, region,
 *                         components by kind), reported especially for unknown causes
 * @param mergedFrom       ids of incidents merged into this one
 * @param resolvedAt       null while open
 * @param eventTime        tick time of this revision
 */
public record Incident(String id, long revision, IncidentState state, String title, Attribution cause,
                       List<IncidentMember> members, List<TimelineEntry> timeline,
                       Map<String, String> commonAttributes, List<String> mergedFrom, Instant openedAt,
                       Instant firstImpairedAt, Instant resolvedAt, Instant eventTime) implements Serializable {

    /** Common attribute naming a cause that is not a catalog entity (a network resolved from the ASN data). */
    public static final String CAUSE_NAME = "cause.name";
    /** Common attribute giving the entity kind of such a cause (NETWORK, ORGANISATION, COUNTRY, OTHER). */
    public static final String CAUSE_KIND = "cause.kind";

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        members = List.copyOf(members);
        timeline = List.copyOf(timeline);
        commonAttributes = Map.copyOf(commonAttributes);
        mergedFrom = List.copyOf(mergedFrom);
    }

    public boolean isOpen() {
        return state != IncidentState.RESOLVED;
    }

    public long activeMemberCount() {
        return members.stream().filter(IncidentMember::isActive).count();
    }
}
