package io.faultline.ingestion.social.stream;

import java.time.Duration;
import java.util.Set;

/**
 * Settings of the Bluesky Jetstream client.
 *
 * @param url             subscribe URL with its filters (default {@value #DEFAULT_URL})
 * @param stallTimeout    reconnect when no message arrives for this long (the post stream never idles that long)
 * @param rewind          on reconnect, resume this far before the last event seen: Jetstream's event times are not
 *                        strictly ordered on the live stream, so resuming exactly at the last one could skip
 *                        events that were still in flight; the overlap is dropped by event key
 * @param maxMessageBytes larger messages are dead-lettered as TOO_LARGE instead of being buffered
 */
public record JetstreamConfig(Endpoint url, Duration stallTimeout, Duration rewind, Duration connectTimeout,
                              int maxMessageBytes) implements SocialStreamConfig {

    public static final String DEFAULT_URL =
            "wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post";
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REWIND = Duration.ofSeconds(2);

    public JetstreamConfig {
        if (rewind.isNegative()) {
            throw new IllegalArgumentException("jetstream rewind must not be negative, was " + rewind);
        }
    }

    public static JetstreamConfig of(String url, boolean allowPrivate) {
        return new JetstreamConfig(Endpoint.of("--jetstream-url", url, Set.of("wss", "ws"), allowPrivate),
                DEFAULT_STALL_TIMEOUT, DEFAULT_REWIND, Duration.ofSeconds(20), 1 << 20);
    }

    public JetstreamConfig withStallTimeout(Duration d) {
        return new JetstreamConfig(url, d, rewind, connectTimeout, maxMessageBytes);
    }

    public JetstreamConfig withRewind(Duration d) {
        return new JetstreamConfig(url, stallTimeout, d, connectTimeout, maxMessageBytes);
    }
}
