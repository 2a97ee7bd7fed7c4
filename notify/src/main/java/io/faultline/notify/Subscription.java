package io.faultline.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One subscription, validated: where to deliver, with which secret (its value, read from the environment variable
 * the file names; never written anywhere), which incidents, and how often an update may follow the last one.
 *
 * @param secret         webhook: HMAC-SHA256 key; pagerduty: routing key; otherwise null
 * @param updateThrottle at most one update per this much incident event time (live, event time is wall-clock
 *                       time; in a replay it keeps the same alerts the live run sent)
 */
public record Subscription(String id, ChannelKind channel, URI url, String secret, SubscriptionFilter filter,
                           Duration updateThrottle) {

    public static final Duration DEFAULT_UPDATE_THROTTLE = Duration.ofMinutes(15);

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(updateThrottle, "updateThrottle");
    }

    /** Never prints the secret nor a URL that may hold one (a Slack webhook URL is a credential). */
    @Override
    public String toString() {
        return "Subscription[" + id + ", " + channel.fileName() + " to " + url.getScheme() + "://" + url.getAuthority() + "]";
    }
}
