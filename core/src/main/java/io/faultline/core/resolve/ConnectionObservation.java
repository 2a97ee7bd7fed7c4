package io.faultline.core.resolve;

import java.time.Instant;

/** The core view of one probe connecting to or disconnecting from its controller. */
public record ConnectionObservation(String eventId, long probeId, boolean disconnect, Long asn, String country,
                                    Instant eventTime, Instant observedAt) {
}
