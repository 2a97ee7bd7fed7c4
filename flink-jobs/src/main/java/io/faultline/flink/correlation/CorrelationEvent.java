package io.faultline.flink.correlation;

import io.faultline.core.correlation.ComponentStatus;
import io.faultline.core.correlation.ConnectionUpdate;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.HealthUpdate;

import java.time.Instant;

/**
 * One input of the correlation engine as a Flink POJO (a health change, a component's status
 * report or a probe connection event), so that Flink serialises it with its POJO serializer in buffers and state rather than
 * Kryo. Converts to and from the core's {@link CorrelationInput}.
 */
public class CorrelationEvent {

    /**
     * What the event is. PROGRESS carries no input: it says the job's signals source is still delivering (records
     * the job does not correlate), so the correlation does not take its inputs as quiet ({@link CorrelateFunction}).
     */
    public enum Kind { HEALTH, STATUS, CONNECTION, PROGRESS }

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
    /** For CONNECTION events: the probe, whether it connected, and its network as far as known. */
    public long probeId;
    public boolean connected;
    public Long asn;
    public String organisation;
    public String country;
    public String controller;
    /** For CONNECTION events: the own prober's vantage (its heartbeats), or null. */
    public String vantage;

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
        } else if (input instanceof ConnectionUpdate c) {
            e.kind = Kind.CONNECTION;
            e.entityId = "probe:" + c.probeId();
            e.probeId = c.probeId();
            e.connected = c.connected();
            e.asn = c.asn();
            e.organisation = c.organisation();
            e.country = c.country();
            e.controller = c.controller();
            e.vantage = c.vantage();
        }
        return e;
    }

    /** A progress event stamped {@code timeMillis} (see {@link Kind#PROGRESS}). */
    public static CorrelationEvent progress(long timeMillis) {
        CorrelationEvent e = new CorrelationEvent();
        e.kind = Kind.PROGRESS;
        e.entityId = "";
        e.timeMillis = timeMillis;
        return e;
    }

    public CorrelationInput toInput() {
        Instant time = Instant.ofEpochMilli(timeMillis);
        return switch (kind) {
            case HEALTH -> new HealthUpdate(entityId, level, confidence, time, region);
            case STATUS -> new ComponentStatus(entityId, troubled, time);
            case CONNECTION -> new ConnectionUpdate(probeId, connected, asn, organisation, country, controller, vantage, time);
            case PROGRESS -> throw new IllegalStateException("a progress event carries no input");
        };
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case HEALTH -> String.valueOf(level);
            case STATUS -> troubled ? "troubled" : "ok";
            case CONNECTION -> connected ? "connected" : "disconnected";
            case PROGRESS -> "progress";
        };
        return kind + " " + entityId + " " + what + " @"
                + Instant.ofEpochMilli(timeMillis);
    }
}
