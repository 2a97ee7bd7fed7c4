package io.faultline.streams.live;

import java.util.List;
import java.util.Optional;

import io.faultline.avro.ServiceHealth;

/**
 * The live health of catalog entities, as the health stage last judged it: each answer is the
 * entity's latest {@link ServiceHealth} change (state, confidence, since, evidence). An entity
 * that has never left UP has no change and is reported as empty.
 */
public interface LiveHealthView {

    /** The latest health change of {@code entityId}, or empty if it never changed from UP (or is unknown). */
    Optional<ServiceHealth> health(String entityId);

    /** Every entity whose current state is not UP, ordered by entity id. */
    List<ServiceHealth> impaired();
}
