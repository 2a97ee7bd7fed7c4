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
 *
 * <p>Each key is stored under the start of its time bucket ({@link #bucket}), not its own
 * timestamp, with its exact time as the value. A window store's fetch visits every distinct
 * window start in the range; with one start per record the in-memory store scanned every record
 * of the last 12 hours on each lookup (about 190 records/s in the test driver). Buckets bound
 * that to about 2 × retention / bucket starts, and the exact times keep the decision the same as
 * the offline pipeline's ({@code |seen - t| <= retention}). The store keeps a key for retention +
 * one bucket, so bucketing never forgets a key early.
 */
public final class DedupeProcessor implements FixedKeyProcessor<String, SpecificRecord, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

    private final Duration retention;
    private final long bucket;
    private FixedKeyProcessorContext<String, SpecificRecord> context;
    private WindowStore<String, Long> seen;
    private long duplicates;

    public DedupeProcessor(Duration retention) {
        this.retention = retention;
        this.bucket = bucket(retention).toMillis();
    }

    /** The bucket width for a retention: an eighth of it, at least one millisecond. */
    public static Duration bucket(Duration retention) {
        return Duration.ofMillis(Math.max(1, retention.toMillis() / 8));
    }

    /** How long the store must keep a key for the retention to hold. */
    public static Duration storeRetention(Duration retention) {
        return retention.plus(bucket(retention));
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
        long ret = retention.toMillis();
        if (seenWithin(key, t, ret)) {
            duplicates++;
            if (duplicates % 1000 == 1) {
                LOG.info("dropped {} duplicate observations so far (latest {})", duplicates, key);
            }
            return;
        }
        seen.put(key, t, Math.floorDiv(t, bucket) * bucket);
        context.forward(record);
    }

    private boolean seenWithin(String key, long t, long ret) {
        long from = Math.floorDiv(t - ret, bucket) * bucket;
        try (WindowStoreIterator<Long> it = seen.fetch(key, Instant.ofEpochMilli(from), Instant.ofEpochMilli(t + ret))) {
            while (it.hasNext()) {
                Long seenAt = it.next().value;
                if (seenAt != null && Math.abs(seenAt - t) <= ret) {
                    return true;
                }
            }
        }
        return false;
    }
}
