package io.faultline.streams.topology;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bumped by the global catalog processor on every catalog update, read by the resolve
 * processors of the same application instance to know their index is stale. One per
 * {@code KafkaStreams} instance (built with its topology), never static.
 */
public final class CatalogVersion {

    private final AtomicLong version = new AtomicLong();

    public CatalogVersion() {
    }

    void bump() {
        version.incrementAndGet();
    }

    long current() {
        return version.get();
    }
}
