package io.faultline.notify;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentMember;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the notify stage needs of one incident revision, translated from the wire form once so the
 * decider and the channel formats never touch Avro. Provider and region are read off the cause's
 * catalog id ({@code aws/us-east-1} is region {@code us-east-1} of provider {@code aws}).
 */
public record IncidentView(String id, long revision, String state, String title, String causeId, String causeName,
                           String causeKind, double confidence, String provider, String region, List<Member> members,
                           Instant openedAt, Instant resolvedAt, Instant eventTime) {

    public static final String SUSPECTED = "SUSPECTED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String RESOLVED = "RESOLVED";
    /** The label value of a provider or region an incident does not name. */
    public static final String NONE = "none";

    /** One member service: {@code impaired} is false once it recovered ({@code leftAt} set). */
    public record Member(String id, String name, String health, String region, boolean impaired) {
    }

    public IncidentView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        members = List.copyOf(members);
    }

    public static IncidentView of(CorrelatedIncident i) {
        String causeId = i.getCause().getComponentId();
        String kind = i.getCause().getComponentKind();
        String provider = NONE;
        String region = NONE;
        if (causeId != null) {
            int slash = causeId.indexOf('/');
            provider = slash > 0 ? causeId.substring(0, slash) : causeId;
            if (slash > 0 && (kind == null || "REGION".equals(kind))) {
                region = causeId.substring(slash + 1);
            }
        }
        String attributedRegion = i.getCommonAttributes().get("region");
        if (NONE.equals(region) && attributedRegion != null && !attributedRegion.isBlank()) {
            region = attributedRegion;
        }
        List<Member> members = i.getMembers().stream().map(IncidentView::member).toList();
        return new IncidentView(i.getIncidentId(), i.getRevision(), i.getState().name(), i.getTitle(), causeId,
                i.getCause().getComponentName(), kind, i.getCause().getConfidence(), provider, region, members,
                i.getOpenedAt(), i.getResolvedAt(), i.getEventTime());
    }

    private static Member member(IncidentMember m) {
        return new Member(m.getServiceId(), m.getServiceName(), m.getState().name(), m.getRegion(), m.getLeftAt() == null);
    }

    public boolean resolved() {
        return RESOLVED.equals(state);
    }

    /** The cause as users read it: its catalog id, or its name when it has none (an unknown shared cause). */
    public String causeLabel() {
        return causeId != null ? causeId : causeName;
    }
}
