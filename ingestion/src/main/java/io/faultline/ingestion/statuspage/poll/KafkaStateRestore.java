package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.StatusPagePollerState;
import io.faultline.schemas.CompactedTopic;
import io.faultline.schemas.ClientSettings;
import io.faultline.schemas.Topics;
import io.faultline.schemas.serde.AvroSerde;
import io.faultline.schemas.serde.SchemaRegistry;
import io.faultline.schemas.serde.SerdeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted poller-state topic from the beginning to its current end: the last state of
 * every page (a null value deletes one). No consumer group: the whole topic is read on every start.
 *
 * <p>Why a state topic rather than rebuilding from raw.statuspage: that topic holds only changes,
 * so it cannot say which closed incidents a first read saw without emitting them (they would come
 * back as new after a restart), it has no HTTP validators, and its retention forgets quiet pages.
 * The state topic is compacted, so it keeps exactly one small record per page.
 *
 * <p>A record that cannot be decoded is skipped with a warning: the state is a cache, and the
 * worst outcome of losing one page's entry is that page's first read repeating.
 */
public final class KafkaStateRestore {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStateRestore.class);

    private KafkaStateRestore() {
    }

    public static Map<String, StatusPagePollerState> restore(String bootstrapServers, Topics topics,
                                                             SchemaRegistry registry, Duration timeout) {
        String topic = topics.statusPagePollerState.name();
        AvroSerde<StatusPagePollerState> serde = topics.statusPagePollerState.serde(registry);
        Properties p = ClientSettings.assigningConsumer(bootstrapServers, "faultline-statuspage-poller-restore");
        Map<String, StatusPagePollerState> out = new HashMap<>();
        CompactedTopic.readToEnd(p, topic, timeout, r -> apply(out, r, serde));
        return out;
    }

    private static void apply(Map<String, StatusPagePollerState> out, ConsumerRecord<String, byte[]> r,
                              AvroSerde<StatusPagePollerState> serde) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            out.remove(r.key());
            return;
        }
        try {
            out.put(r.key(), serde.deserialize(r.topic(), r.value()));
        } catch (SerdeException e) {
            if (e.kind() == SerdeException.Kind.REGISTRY_UNAVAILABLE) {
                throw e; // transient, and the record is fine: fail the start rather than forget state
            }
            LOG.warn("poller state of {} at {}-{}@{} skipped: {}", r.key(), r.topic(), r.partition(), r.offset(),
                    e.getMessage());
        }
    }
}
