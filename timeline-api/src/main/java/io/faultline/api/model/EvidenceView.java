package io.faultline.api.model;

import java.time.Instant;

/** One piece of evidence behind a health change. */
public record EvidenceView(String source, String detail, Instant time, double weight) {
}
