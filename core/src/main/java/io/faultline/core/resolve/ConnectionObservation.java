package io.faultline.core.resolve;

import java.time.Instant;

/** The core view of one probe connecting to or disconnecting from its controller, with its network as far as known. */
public record ConnectionObservation(String eventId, long probeId, boolean disconnect, Long asn, String country,
                                    String organisation, String controller, Instant eventTime, Instant observedAt) {
}
