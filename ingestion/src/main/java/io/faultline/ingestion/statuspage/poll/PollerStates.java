package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.ComponentStatus;
import io.faultline.avro.HttpValidators;
import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.PolledComponent;
import io.faultline.avro.PolledIncident;
import io.faultline.avro.PolledIncidentUpdate;
import io.faultline.avro.StatusPageFormat;
import io.faultline.avro.StatusPagePollerState;
import io.faultline.ingestion.statuspage.IncidentUpdate;
import io.faultline.ingestion.statuspage.PageComponent;
import io.faultline.ingestion.statuspage.PageIncident;
import io.faultline.ingestion.statuspage.PageSnapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps the poller's memory of a page to and from the StatusPagePollerState record of the compacted
 * state topic. Enum values travel as symbol names; a name this version does not know reads as
 * UNKNOWN / OTHER, so a newer poller's state never stops an older one from starting.
 */
public final class PollerStates {

    private PollerStates() {
    }

    public static StatusPagePollerState toRecord(PageMemory m, Instant at) {
        PageSnapshot s = m.snapshot();
        Map<String, HttpValidators> validators = new LinkedHashMap<>();
        m.validators().forEach((url, v) -> validators.put(url, new HttpValidators(v.etag(), v.lastModified())));
        return StatusPagePollerState.newBuilder()
                .setPageId(s.pageId())
                .setPageUrl(s.pageUrl())
                .setFormat(s.format().name())
                .setPageUpdatedAt(s.updatedAt())
                .setComponents(s.components().stream().map(c -> PolledComponent.newBuilder()
                        .setId(c.id()).setName(c.name()).setGroupName(c.groupName())
                        .setStatus(c.status().name()).setUpdatedAt(c.updatedAt()).build()).toList())
                .setIncidents(s.incidents().stream().map(PollerStates::incident).toList())
                .setValidators(validators)
                .setEventTime(at)
                .build();
    }

    private static PolledIncident incident(PageIncident i) {
        return PolledIncident.newBuilder()
                .setId(i.id()).setName(i.name()).setStatus(i.status().name()).setImpact(i.impact().name())
                .setMaintenance(i.maintenance()).setCreatedAt(i.createdAt()).setUpdatedAt(i.updatedAt())
                .setAffectedComponents(i.affectedComponents())
                .setUpdates(i.updates().stream().map(u -> PolledIncidentUpdate.newBuilder()
                        .setId(u.id()).setStatus(u.status().name()).setCreatedAt(u.createdAt())
                        .setUpdatedAt(u.updatedAt()).setAffectedComponents(u.affectedComponents())
                        .setWorstStatus(u.worstStatus() == null ? null : u.worstStatus().name()).build()).toList())
                .build();
    }

    public static PageMemory fromRecord(StatusPagePollerState r) {
        PageSnapshot snapshot = new PageSnapshot(r.getPageId(), r.getPageUrl(),
                symbol(StatusPageFormat.class, r.getFormat(), StatusPageFormat.OTHER), r.getPageUpdatedAt(),
                r.getComponents().stream().map(c -> new PageComponent(c.getId(), c.getName(), c.getGroupName(),
                        symbol(ComponentStatus.class, c.getStatus(), ComponentStatus.UNKNOWN), c.getUpdatedAt())).toList(),
                r.getIncidents().stream().map(PollerStates::incident).toList());
        Map<String, Validators> validators = new LinkedHashMap<>();
        r.getValidators().forEach((url, v) -> validators.put(url, new Validators(v.getEtag(), v.getLastModified())));
        return new PageMemory(snapshot, validators, 0);
    }

    private static PageIncident incident(PolledIncident i) {
        return new PageIncident(i.getId(), i.getName(),
                symbol(IncidentStatus.class, i.getStatus(), IncidentStatus.UNKNOWN),
                symbol(IncidentImpact.class, i.getImpact(), IncidentImpact.UNKNOWN), i.getMaintenance(),
                i.getCreatedAt(), i.getUpdatedAt(), i.getAffectedComponents(),
                i.getUpdates().stream().map(u -> new IncidentUpdate(u.getId(),
                        symbol(IncidentStatus.class, u.getStatus(), IncidentStatus.UNKNOWN), null, u.getCreatedAt(),
                        u.getUpdatedAt(), u.getAffectedComponents(),
                        u.getWorstStatus() == null ? null
                                : symbol(ComponentStatus.class, u.getWorstStatus(), ComponentStatus.UNKNOWN))).toList());
    }

    private static <E extends Enum<E>> E symbol(Class<E> type, String name, E fallback) {
        try {
            return name == null ? fallback : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
