package io.faultline.notify.channel;

import io.faultline.notify.Alert;
import io.faultline.notify.Subscription;

import java.time.Duration;
import java.util.Optional;

/** Turns an alert into the request one kind of channel expects. Formats are pure: same alert, same bytes. */
public interface ChannelFormat {

    Outgoing format(Alert alert);

    /** How often an open alert must be sent again for the receiver to keep it open (Alertmanager), if at all. */
    default Optional<Duration> repostInterval() {
        return Optional.empty();
    }

    /** The format a subscription's channel uses, linking alerts to the API at {@code apiUrl}. */
    static ChannelFormat of(Subscription s, String apiUrl) {
        return switch (s.channel()) {
            case WEBHOOK -> new Webhook(s.url(), s.secret(), apiUrl);
            case SLACK -> new Slack(s.url(), apiUrl);
            case PAGERDUTY -> new PagerDuty(s.url(), s.secret(), apiUrl);
            case ALERTMANAGER -> new Alertmanager(s.url(), apiUrl, Alertmanager.DEFAULT_REPOST_INTERVAL);
        };
    }
}
