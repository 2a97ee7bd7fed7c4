package io.faultline.core.resolve;

import java.time.Instant;

/**
 * The core view of one probe connecting to or disconnecting from its controller, with its network as far as known;
 * {@code vantage} names the own prober's vantage on its heartbeats (null for RIPE Atlas probes).
 */
public record ConnectionObservation(String eventId, long probeId, boolean disconnect, Long asn, String country,
                                    String organisation, String controller, String vantage, Instant eventTime,
                                    Instant observedAt) {
}
