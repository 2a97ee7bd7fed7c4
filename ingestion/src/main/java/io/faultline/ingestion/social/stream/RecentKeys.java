package io.faultline.ingestion.social.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recent {@code capacity} keys seen (post ids, event keys), to drop the overlap a resumed
 * or parallel stream delivers twice. Bounded so a stream that runs for weeks does not grow without
 * limit; a repeat older than the last {@code capacity} keys is not recognised. Thread-safe.
 */
public final class RecentKeys {

    private final Map<String, Boolean> keys;

    public RecentKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.keys = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code key}; true when it was not among the recent keys. */
    public synchronized boolean add(String key) {
        return keys.put(key, Boolean.TRUE) == null;
    }

    public synchronized boolean contains(String key) {
        return keys.containsKey(key);
    }
}
