package io.faultline.api.live;

import java.time.Instant;
import java.util.List;

import io.faultline.api.model.CauseView;
import io.faultline.api.model.EventView;
import io.faultline.api.model.EvidenceView;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.api.model.IncidentView;
import io.faultline.api.model.Locality;
import io.faultline.api.model.MemberView;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentMember;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.SuspectedCause;

/** Maps the wire records of the incidents and service-health topics to API views. */
public final class AvroViews {

    private AvroViews() {
    }

    public static IncidentDetail incident(CorrelatedIncident r) {
        SuspectedCause c = r.getCause();
        CauseView cause = new CauseView(c.getComponentId(), c.getComponentName(), c.getComponentKind(), c.getConfidence(),
                c.getPValue(), c.getImpairedDependents(), c.getTotalDependents(), c.getStatusPageAgrees(), c.getReasons());
        Locality where = Locality.of(c.getComponentId());
        List<MemberView> members = r.getMembers().stream().map(AvroViews::member).toList();
        long active = r.getMembers().stream().filter(m -> m.getLeftAt() == null).count();
        IncidentView view = new IncidentView(r.getIncidentId(), r.getRevision(), r.getState().name(), r.getTitle(), cause,
                where.provider(), where.region(), r.getMembers().stream().map(IncidentMember::getServiceId).toList(),
                members.size(), (int) active, r.getOpenedAt(), r.getFirstImpairedAt(), r.getResolvedAt(), r.getEventTime());
        List<EventView> timeline = r.getTimeline().stream()
                .map(e -> new EventView(e.getTime(), e.getKind().name(), e.getMessage(), e.getServiceId(), e.getComponentId()))
                .toList();
        return new IncidentDetail(view, members, timeline);
    }

    private static MemberView member(IncidentMember m) {
        return new MemberView(m.getServiceId(), m.getServiceName(), m.getState().name(), m.getJoinedAt(), m.getLeftAt(),
                m.getRegion());
    }

    public static HealthView health(ServiceHealth h) {
        List<EvidenceView> evidence = h.getEvidence().stream()
                .map(e -> new EvidenceView(e.getSource().name(), e.getDetail(), e.getTime(), e.getWeight())).toList();
        Instant since = h.getSince();
        return new HealthView(h.getServiceId(), h.getState().name(), h.getPreviousState().name(), h.getConfidence(), since,
                h.getRegion(), evidence, h.getEventTime());
    }
}
