package io.faultline.streams.topology;

import java.time.Duration;
import java.time.Instant;

import io.faultline.streams.Normaliser;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a raw observation whose natural key was already seen within the retention (poller
 * restart, replay overlap, stream reconnect). Keys live in a window store, so memory is
 * bounded by the retention, not by history. The same observation always arrives with the same
 * topic key (page id, post id, target id, probe id), hence on the same partition and task, so a
 * per-task store sees every copy. Limit: a copy arriving more than the retention later (by
 * record time) passes as new.
 */
public final class DedupeProcessor implements FixedKeyProcessor<String, SpecificRecord, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

    private final Duration retention;
    private FixedKeyProcessorContext<String, SpecificRecord> context;
    private WindowStore<String, Long> seen;
    private long duplicates;

    public DedupeProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(Names.DEDUPE_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, SpecificRecord> record) {
        String key = Normaliser.dedupeKey(record.value());
        long t = record.timestamp();
        try (WindowStoreIterator<Long> it = seen.fetch(key, Instant.ofEpochMilli(t).minus(retention),
                Instant.ofEpochMilli(t).plus(retention))) {
            if (it.hasNext()) {
                duplicates++;
                if (duplicates % 1000 == 1) {
                    LOG.info("dropped {} duplicate observations so far (latest {})", duplicates, key);
                }
                return;
            }
        }
        seen.put(key, t, t);
        context.forward(record);
    }
}
