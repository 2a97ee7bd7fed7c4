package io.faultline.app.live;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.faultline.api.live.AvroViews;
import io.faultline.api.live.LiveStore;
import io.faultline.api.live.LiveStoreUnavailable;
import io.faultline.api.model.HealthView;
import io.faultline.api.model.IncidentDetail;
import io.faultline.streams.live.LiveHealthView;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@link LiveStore} whose service health is answered by Kafka Streams interactive queries over the
 * health stage's own store (the same state that decides the service-health topic, with no
 * consumer lag behind it), and whose incidents come from another store (incidents are made by
 * Flink, not by Streams, so they are read from the incidents topic).
 *
 * <p>While the Streams application starts, rebalances or restores, its store is not queryable:
 * that is a {@link LiveStoreUnavailable} (503 with the application's state), not a server fault.
 * Limits: answers from the partitions this instance hosts (one instance, the usual deployment
 * here, hosts them all); health answers are not cached (the store has no version to key on).
 */
public final class StreamsLiveStore implements LiveStore {

    private static final Comparator<HealthView> NEWEST_CHANGE_FIRST = Comparator.comparing(HealthView::eventTime).reversed()
            .thenComparing(HealthView::serviceId);

    private final LiveHealthView health;
    private final Supplier<?> streamsState;
    private final LiveStore incidents;

    /**
     * @param health       interactive queries over the running application's health store
     * @param streamsState the application's current state, named in the 503 message
     * @param incidents    the store answering the incident endpoints
     */
    public StreamsLiveStore(LiveHealthView health, Supplier<?> streamsState, LiveStore incidents) {
        this.health = health;
        this.streamsState = streamsState;
        this.incidents = incidents;
    }

    @Override
    public Optional<HealthView> health(String serviceId) {
        return query(h -> h.health(serviceId).map(AvroViews::health));
    }

    @Override
    public List<HealthView> notUp() {
        return query(h -> h.impaired().stream().map(AvroViews::health).sorted(NEWEST_CHANGE_FIRST).toList());
    }

    private <T> T query(Function<LiveHealthView, T> q) {
        try {
            return q.apply(health);
        } catch (InvalidStateStoreException e) {
            throw new LiveStoreUnavailable("live service health is not queryable yet: the Kafka Streams application is "
                    + streamsState.get() + " (starting, rebalancing or restoring its state); retry shortly", e);
        }
    }

    @Override
    public List<IncidentDetail> incidents(boolean includeResolved) {
        return incidents.incidents(includeResolved);
    }

    @Override
    public Optional<IncidentDetail> incident(String id) {
        return incidents.incident(id);
    }

    @Override
    public OptionalLong incidentsVersion() {
        return incidents.incidentsVersion();
    }
}
