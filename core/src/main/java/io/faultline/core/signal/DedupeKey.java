package io.faultline.core.signal;

/**
 * The de-duplication key of a raw observation: its source plus the natural key its adapter
 * derived (page + component + updated_at, post id, source + vantage + target + timestamp, probe
 * + event + timestamp). The same observation seen twice (poller restart, replay overlap, stream
 * reconnect) has the same key; two different observations never do, because every natural key
 * carries its event time.
 */
public final class DedupeKey {

    private DedupeKey() {
    }

    public static String of(SignalSource source, String naturalKey) {
        if (naturalKey == null || naturalKey.isBlank()) {
            throw new IllegalArgumentException("natural key of a " + source + " observation must not be blank");
        }
        return source.name() + '|' + naturalKey;
    }

    /** The signal id for the evidence a raw record gives about one entity. */
    public static String signalId(String naturalKey, String entityId) {
        return naturalKey + "->" + entityId;
    }
}
