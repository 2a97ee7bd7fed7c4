package io.faultline.app.evaluate;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.SuspectedCause;
import io.faultline.core.correlation.Attribution;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;
import io.faultline.core.correlation.IncidentState;
import io.faultline.schemas.mapping.HealthMapping;

import java.util.List;
import java.util.Map;

/**
 * The fields of an emitted incident revision that scoring reads, as the core's {@link Incident}:
 * id, revision, state, the named cause and its confidence, members, and times. The timeline and
 * the alternatives are not needed to score and are left empty.
 */
public final class IncidentViews {

    private IncidentViews() {
    }

    public static Incident toCore(CorrelatedIncident wire) {
        SuspectedCause cause = wire.getCause();
        Attribution attribution = new Attribution(cause.getComponentId(), 0, cause.getConfidence(),
                cause.getPValue() == null ? 1.0 : cause.getPValue(), cause.getImpairedDependents(),
                cause.getTotalDependents(), cause.getStatusPageAgrees(), List.copyOf(cause.getReasons()), List.of());
        List<IncidentMember> members = wire.getMembers().stream()
                .map(m -> new IncidentMember(m.getServiceId(), HealthMapping.level(m.getState()), m.getJoinedAt(),
                        m.getLeftAt(), m.getRegion()))
                .toList();
        return new Incident(wire.getIncidentId(), wire.getRevision(), wire.getState() == io.faultline.avro.IncidentState.UNKNOWN ? IncidentState.SUSPECTED
                        : IncidentState.valueOf(wire.getState().name()),
                wire.getTitle(), attribution, members, List.of(), Map.copyOf(wire.getCommonAttributes()),
                List.copyOf(wire.getMergedFrom()), wire.getOpenedAt(), wire.getFirstImpairedAt(), wire.getResolvedAt(),
                wire.getEventTime());
    }
}
