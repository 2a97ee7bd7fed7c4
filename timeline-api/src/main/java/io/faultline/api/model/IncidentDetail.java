package io.faultline.api.model;

import java.util.List;

/** One incident with its members (by join time) and evidence timeline (oldest first). */
public record IncidentDetail(IncidentView incident, List<MemberView> members, List<EventView> timeline) {

    public IncidentDetail {
        members = List.copyOf(members);
        timeline = List.copyOf(timeline);
    }
}
