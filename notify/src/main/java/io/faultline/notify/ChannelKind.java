package io.faultline.notify;

import java.util.Locale;

/** The channels a subscription can deliver to; the lowercase name is what the subscriptions file says. */
public enum ChannelKind {
    WEBHOOK, SLACK, PAGERDUTY, ALERTMANAGER;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
