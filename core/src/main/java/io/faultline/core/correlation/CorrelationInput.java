package io.faultline.core.correlation;

import java.time.Instant;

/** An input of the engine with its event time: a service's health change or a status-page report. */
public sealed interface CorrelationInput permits HealthUpdate, ComponentStatus {

    Instant time();
}
