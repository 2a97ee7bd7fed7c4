package io.faultline.core.signal;

/** Which kind of raw source a signal came from. Mirrors the wire enum {@code SignalSource}. */
public enum SignalSource {
    STATUS_PAGE,
    SOCIAL,
    PROBE,
    PROBE_CONNECTION
}
