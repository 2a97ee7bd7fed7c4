package io.faultline.schemas.mapping;

import java.util.ArrayList;
import java.util.List;

import io.faultline.avro.HealthEvidence;
import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.core.health.Evidence;
import io.faultline.core.health.HealthChange;

/** Maps a health change of the core to the wire ({@code service-health} topic). */
public final class HealthChanges {

    private HealthChanges() {
    }

    public static ServiceHealth toAvro(HealthChange c) {
        List<HealthEvidence> evidence = new ArrayList<>(c.evidence().size());
        for (Evidence e : c.evidence()) {
            evidence.add(HealthEvidence.newBuilder().setSource(io.faultline.avro.SignalSource.valueOf(e.source().name()))
                    .setDetail(e.detail()).setTime(e.time()).setWeight(e.weight()).build());
        }
        return ServiceHealth.newBuilder().setServiceId(c.entityId()).setState(HealthState.valueOf(c.state().name()))
                .setPreviousState(HealthState.valueOf(c.previous().name())).setConfidence(c.confidence())
                .setSince(c.since()).setRegion(c.region()).setEvidence(evidence).setEventTime(c.eventTime()).build();
    }
}
