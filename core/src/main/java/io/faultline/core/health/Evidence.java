package io.faultline.core.health;

import java.time.Instant;

import io.faultline.core.signal.SignalSource;

/** One piece of evidence behind a health change: which source, what it said, when, how much it counted. */
public record Evidence(SignalSource source, String detail, Instant time, double weight) {
}
