package io.faultline.schemas.mapping;

import io.faultline.avro.CorrelatedIncident;
import io.faultline.avro.IncidentEvent;
import io.faultline.avro.IncidentEventKind;
import io.faultline.avro.SuspectedCause;
import io.faultline.core.catalog.CatalogEntity;
import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.Attribution;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.IncidentMember;
import io.faultline.core.correlation.TimelineEntry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps one core incident revision to its wire form ({@link CorrelatedIncident}, topic incidents).
 * Names and kinds come from the catalog graph the revision was computed on; an id the graph no
 * longer knows keeps its id as its name.
 */
public final class IncidentMapping {

    public static final String UNKNOWN_CAUSE_NAME = "unknown shared cause";

    private IncidentMapping() {
    }

    public static CorrelatedIncident toAvro(Incident incident, DependencyGraph graph) {
        List<SuspectedCause> alternatives = new ArrayList<>(incident.cause().alternatives().size());
        for (Attribution alternative : incident.cause().alternatives()) {
            alternatives.add(cause(alternative, graph, Map.of()));
        }
        List<io.faultline.avro.IncidentMember> members = new ArrayList<>(incident.members().size());
        for (IncidentMember m : incident.members()) {
            members.add(io.faultline.avro.IncidentMember.newBuilder()
                    .setServiceId(m.serviceId())
                    .setServiceName(name(graph, m.serviceId()))
                    .setState(HealthMapping.state(m.state()))
                    .setJoinedAt(m.joinedAt())
                    .setLeftAt(m.leftAt())
                    .setRegion(m.region())
                    .build());
        }
        List<IncidentEvent> timeline = new ArrayList<>(incident.timeline().size());
        for (TimelineEntry e : incident.timeline()) {
            timeline.add(IncidentEvent.newBuilder()
                    .setTime(e.time())
                    .setKind(IncidentEventKind.valueOf(e.kind().name()))
                    .setMessage(e.message())
                    .setServiceId(e.serviceId())
                    .setComponentId(e.componentId())
                    .build());
        }
        return CorrelatedIncident.newBuilder()
                .setIncidentId(incident.id())
                .setRevision(incident.revision())
                .setState(io.faultline.avro.IncidentState.valueOf(incident.state().name()))
                .setTitle(incident.title() == null ? "" : incident.title())
                .setCause(cause(incident.cause(), graph, incident.commonAttributes()))
                .setAlternatives(alternatives)
                .setMembers(members)
                .setTimeline(timeline)
                // sorted so that equal revisions encode to equal bytes
                .setCommonAttributes(new LinkedHashMap<>(new TreeMap<>(incident.commonAttributes())))
                .setMergedFrom(List.copyOf(incident.mergedFrom()))
                .setOpenedAt(incident.openedAt())
                .setFirstImpairedAt(incident.firstImpairedAt())
                .setResolvedAt(incident.resolvedAt())
                .setEventTime(incident.eventTime())
                .build();
    }

    /** A cause the catalog does not hold (a network resolved on the fly) is named by the incident's own attributes. */
    static SuspectedCause cause(Attribution a, DependencyGraph graph, Map<String, String> attributes) {
        Optional<CatalogEntity> entity = a.componentId() == null ? Optional.empty() : graph.entity(a.componentId());
        return SuspectedCause.newBuilder()
                .setComponentId(a.componentId())
                .setComponentName(a.componentId() == null ? UNKNOWN_CAUSE_NAME
                        : entity.map(CatalogEntity::name).orElse(attributes.getOrDefault(Incident.CAUSE_NAME, a.componentId())))
                .setComponentKind(entity.map(e -> e.kind().name()).orElse(attributes.get(Incident.CAUSE_KIND)))
                .setConfidence(a.confidence())
                .setPValue(Double.isNaN(a.pValue()) ? null : a.pValue())
                .setImpairedDependents(a.impaired())
                .setTotalDependents(a.total())
                .setStatusPageAgrees(a.statusPageAgrees())
                .setReasons(List.copyOf(a.reasons()))
                .build();
    }

    private static String name(DependencyGraph graph, String id) {
        return graph.entity(id).map(CatalogEntity::name).orElse(id);
    }
}
