package io.faultline.core.correlation;

/** Kinds of evidence-timeline entries, mirroring the wire enum {@code IncidentEventKind}. */
public enum TimelineKind {
    OPENED,
    CONFIRMED,
    MEMBER_JOINED,
    MEMBER_LEFT,
    CAUSE_CHANGED,
    STATUS_PAGE,
    MERGED,
    RESOLVED,
    EXPIRED
}
