package io.faultline.schemas.mapping;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageObservation;
import io.faultline.core.resolve.ConnectionObservation;
import io.faultline.core.resolve.ProbeObservation;
import io.faultline.core.resolve.SocialObservation;
import io.faultline.core.resolve.StatusObservation;

/** Maps the raw wire records to the core's observation types (no decisions here). */
public final class RawObservations {

    private RawObservations() {
    }

    public static StatusObservation toCore(StatusPageObservation o) {
        return new StatusObservation(o.getObservationId(), o.getPageId(), o.getPageUrl(), name(o.getKind()),
                o.getComponentId(), o.getComponentName(), o.getGroupName(), name(o.getComponentStatus()),
                o.getIncidentId(), o.getIncidentName(), name(o.getIncidentStatus()), name(o.getIncidentImpact()),
                o.getUpdateBody(), o.getAffectedComponents(), o.getEventTime(), o.getObservedAt());
    }

    public static SocialObservation toCore(SocialPost p) {
        return new SocialObservation(p.getPostId(), name(p.getPlatform()), p.getText(), p.getLang(), p.getAuthorId(),
                p.getHashtags(), p.getCashtags(), p.getMentions(), p.getEventTime(), p.getObservedAt());
    }

    public static ProbeObservation toCore(ProbeResult r) {
        return new ProbeObservation(r.getResultId(), r.getTargetId(), r.getTargetHost(), r.getVantage(), r.getVantageAsn(),
                r.getVantageCountry(), r.getSuccess(), name(r.getErrorKind()), r.getEventTime(), r.getObservedAt());
    }

    public static ConnectionObservation toCore(ProbeConnectionEvent e) {
        return new ConnectionObservation(e.getEventId(), e.getProbeId(),
                e.getEvent() == io.faultline.avro.ConnectionEventType.DISCONNECT, e.getAsn(), e.getCountry(),
                e.getOrganisation(), e.getController(), e.getVantage(), e.getEventTime(), e.getObservedAt());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
