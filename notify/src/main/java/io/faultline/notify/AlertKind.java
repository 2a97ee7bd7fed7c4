package io.faultline.notify;

/** What an alert tells a subscriber about an incident. */
public enum AlertKind {
    /** The incident touched the subscriber's stack: the first alert. */
    OPEN,
    /** Its cause, state or the subscriber's affected services changed (throttled). */
    UPDATE,
    /** It resolved: always sent once an alert was opened. */
    RESOLVE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
