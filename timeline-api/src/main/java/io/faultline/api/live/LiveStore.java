package io.faultline.api.live;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;

/**
 * Current state, answered without the history store: the latest health of each service and the
 * latest revision of each incident. Backed by {@link InMemoryLiveStore} fed from the
 * incidents and service-health topics, or by an adapter over Kafka Streams interactive queries.
 *
 * <p>A store that cannot answer right now (e.g. a Kafka Streams store while it rebalances or
 * restores) throws {@link LiveStoreUnavailable}; the API answers 503.
 */
public interface LiveStore {

    /** Latest health of one service, if it was ever reported. */
    Optional<HealthView> health(String serviceId);

    /** Every service whose latest health is not UP, most recent change first. */
    List<HealthView> notUp();

    /** Open incidents (and, with includeResolved, recently resolved ones), most recently opened first. */
    List<IncidentDetail> incidents(boolean includeResolved);

    /** Latest revision of one incident still held. */
    Optional<IncidentDetail> incident(String id);

    /**
     * A number that changes (after the change is visible) whenever {@link #health} or {@link #notUp}
     * may answer differently; empty when the store cannot tell, and then answers are never cached.
     */
    default OptionalLong healthVersion() {
        return OptionalLong.empty();
    }

    /** As {@link #healthVersion()}, for {@link #incidents} and {@link #incident}. */
    default OptionalLong incidentsVersion() {
        return OptionalLong.empty();
    }
}
