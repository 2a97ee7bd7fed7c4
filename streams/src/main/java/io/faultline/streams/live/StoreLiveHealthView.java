package io.faultline.streams.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.streams.topology.Names;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link LiveHealthView} over the running application's last-change store (interactive
 * queries). Limit: answers from the partitions this instance hosts; with several instances a
 * caller must ask each (KafkaStreams#queryMetadataForKey tells which) — one instance, the usual
 * deployment here, hosts them all.
 */
public final class StoreLiveHealthView implements LiveHealthView {

    private final KafkaStreams streams;

    public StoreLiveHealthView(KafkaStreams streams) {
        this.streams = streams;
    }

    private ReadOnlyKeyValueStore<String, byte[]> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(Names.HEALTH_LATEST_STORE,
                QueryableStoreTypes.<String, byte[]>keyValueStore()));
    }

    @Override
    public Optional<ServiceHealth> health(String entityId) {
        byte[] b = store().get(entityId);
        return b == null ? Optional.empty() : Optional.of(StoreBytes.decode(b));
    }

    @Override
    public List<ServiceHealth> impaired() {
        List<ServiceHealth> out = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store().all()) {
            it.forEachRemaining(kv -> {
                ServiceHealth h = StoreBytes.decode(kv.value);
                if (h.getState() != HealthState.UP) {
                    out.add(h);
                }
            });
        }
        out.sort(java.util.Comparator.comparing(ServiceHealth::getServiceId));
        return out;
    }
}
