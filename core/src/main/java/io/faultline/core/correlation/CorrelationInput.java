package io.faultline.core.correlation;

import java.time.Instant;

/** An input of the engine with its event time: a service's health change, a status-page report, or a probe connection event. */
public sealed interface CorrelationInput permits HealthUpdate, ComponentStatus, ConnectionUpdate {

    Instant time();
}
