package io.faultline.core.resolve;

import java.time.Instant;

/** The core view of one probe measurement of a target from one vantage point. */
public record ProbeObservation(String resultId, String targetId, String targetHost, String vantage,
                               Long vantageAsn, String vantageCountry, boolean success, String errorKind,
                               Instant eventTime, Instant observedAt) {
}
