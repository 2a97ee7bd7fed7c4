package io.faultline.flink.correlation;

import io.faultline.core.correlation.ComponentStatus;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.HealthUpdate;

import java.time.Instant;

/**
 * One input of the correlation engine as a Flink POJO (a health change or a component's status
 * report), so that Flink serialises it with its POJO serializer in buffers and state rather than
 * Kryo. Converts to and from the core's {@link CorrelationInput}.
 */
public class CorrelationEvent {

    /** What the event is. */
    public enum Kind { HEALTH, STATUS }

    public Kind kind;
    public String entityId;
    /** Health level for HEALTH events; null for STATUS. */
    public HealthLevel level;
    public double confidence;
    public long timeMillis;
    /** Region for HEALTH events, or null. */
    public String region;
    /** Whether the status page reports trouble, for STATUS events. */
    public boolean troubled;

    public CorrelationEvent() {
    }

    public static CorrelationEvent of(CorrelationInput input) {
        CorrelationEvent e = new CorrelationEvent();
        e.timeMillis = input.time().toEpochMilli();
        if (input instanceof HealthUpdate update) {
            e.kind = Kind.HEALTH;
            e.entityId = update.serviceId();
            e.level = update.state();
            e.confidence = update.confidence();
            e.region = update.region();
        } else if (input instanceof ComponentStatus status) {
            e.kind = Kind.STATUS;
            e.entityId = status.componentId();
            e.troubled = status.troubled();
        }
        return e;
    }

    public CorrelationInput toInput() {
        Instant time = Instant.ofEpochMilli(timeMillis);
        return kind == Kind.HEALTH
                ? new HealthUpdate(entityId, level, confidence, time, region)
                : new ComponentStatus(entityId, troubled, time);
    }

    @Override
    public String toString() {
        return kind + " " + entityId + " " + (kind == Kind.HEALTH ? level : troubled ? "troubled" : "ok") + " @"
                + Instant.ofEpochMilli(timeMillis);
    }
}
