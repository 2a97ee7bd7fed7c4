package io.faultline.core.correlation;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.MutableIncident.Member;

/**
 * Membership of incidents: who joins (with the first impaired time), who leaves (with the recovery
 * time), who is absorbed in a merge, and the reference count each service keeps while it belongs
 * to an open incident (such services are not learnt from and not cleaned up).
 */
final class IncidentMembers {

    private final DependencyGraph graph;
    private final CorrelationConfig config;
    private final ServiceStates states;

    IncidentMembers(DependencyGraph graph, CorrelationConfig config, ServiceStates states) {
        this.graph = graph;
        this.config = config;
        this.states = states;
    }

    /** Adds the services as members (or re-activates recovered members that are impaired again). */
    void add(MutableIncident incident, int[] services) {
        boolean changed = false;
        for (int s : services) {
            String serviceId = graph.idOf(s);
            Member member = incident.members.get(serviceId);
            if (member == null) {
                member = new Member(serviceId, s, states.episodeStart(s), graph.regionCode(states.region(s)), states.level(s));
                incident.members.put(serviceId, member);
                states.join(s);
                incident.record(member.joinedAt, TimelineKind.MEMBER_JOINED, name(serviceId) + " impaired (" + member.level + ")",
                        serviceId, null, config.maxTimelineEntries());
                if (!states.isImpaired(s)) {
                    member.leftAt = Math.max(member.joinedAt, states.episodeEnd(s));
                    incident.record(member.leftAt, TimelineKind.MEMBER_LEFT, name(serviceId) + " recovered", serviceId, null,
                            config.maxTimelineEntries());
                }
                changed = true;
            } else if (!member.isActive() && states.isImpaired(s) && states.episodeStart(s) > member.leftAt) {
                member.leftAt = MutableIncident.NONE;
                member.level = states.level(s);
                incident.record(states.episodeStart(s), TimelineKind.MEMBER_JOINED, name(serviceId) + " impaired again ("
                        + member.level + ")", serviceId, null, config.maxTimelineEntries());
                changed = true;
            }
        }
        if (changed) {
            refreshCommonAttributes(incident);
        }
    }

    void refreshCommonAttributes(MutableIncident incident) {
        int[] active = incident.members.values().stream().filter(Member::isActive).mapToInt(member -> member.entity)
                .filter(entity -> entity >= 0).toArray();
        incident.commonAttributes = CommonAttributes.of(graph, states, active);
    }

    /** Members that are no longer impaired leave, with their recovery time (or now, if they left the catalog). */
    void leaving(MutableIncident incident, long now) {
        for (Member member : incident.members.values()) {
            if (!member.isActive()) {
                continue;
            }
            int s = member.entity;
            if (s >= 0 && states.isImpaired(s)) {
                member.level = states.level(s);
                continue;
            }
            member.leftAt = s < 0 ? now : Math.max(member.joinedAt, states.episodeEnd(s));
            member.level = s < 0 ? HealthLevel.UNKNOWN : states.level(s);
            incident.record(member.leftAt, TimelineKind.MEMBER_LEFT, name(member.serviceId) + " recovered",
                    member.serviceId, null, config.maxTimelineEntries());
        }
    }

    /** Copies the other incident's members into the target (a merge keeps the earliest join). */
    void absorb(MutableIncident target, MutableIncident other) {
        for (Member member : other.members.values()) {
            Member existing = target.members.get(member.serviceId);
            if (existing == null) {
                Member copy = new Member(member.serviceId, member.entity, member.joinedAt, member.region, member.level);
                copy.leftAt = member.leftAt;
                target.members.put(member.serviceId, copy);
                if (member.entity >= 0) {
                    states.join(member.entity);
                }
            } else {
                existing.joinedAt = Math.min(existing.joinedAt, member.joinedAt);
            }
        }
    }

    /** The incident closed: its members are released; on expiry, still-impaired ones are suppressed. */
    void release(MutableIncident incident, boolean suppressActive) {
        for (Member member : incident.members.values()) {
            if (member.entity < 0) {
                continue;
            }
            if (suppressActive && member.isActive()) {
                states.suppress(member.entity);
            }
            states.release(member.entity);
        }
    }

    String name(String id) {
        return id == null ? "unknown shared cause" : graph.entity(id).map(entity -> entity.name()).orElse(id);
    }
}
