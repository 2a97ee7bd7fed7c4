package io.faultline.core.signal;

import java.time.Instant;
import java.util.Objects;

import io.faultline.core.correlation.HealthLevel;

/**
 * One normalised piece of evidence about one catalog entity, derived from one raw observation.
 *
 * @param signalId  natural key of the raw record plus the entity (stable across replays)
 * @param entityId  catalog entity the evidence is about
 * @param source    raw source kind
 * @param observed  what the evidence says (UP for a success / all-clear)
 * @param strength  how strongly it speaks, 0..1
 * @param region    provider region the evidence names, or null
 * @param vantage   independent observer: probe vantage, post author, status component / incident
 *                  key, or (for a network) the probed target
 * @param vantageAsn ASN of the observer, or null
 * @param detail    short human summary
 * @param rawRef    natural key of the raw record
 * @param eventTime event time of the observation
 * @param observedAt when the raw record was received
 * @param connection for the signal of a probe connection event that carries it: the probe and its network; else null
 */
public record Signal(String signalId, String entityId, SignalSource source, HealthLevel observed, double strength,
                     String region, String vantage, Long vantageAsn, String detail, String rawRef,
                     Instant eventTime, Instant observedAt, ProbeConnection connection) {

    public Signal(String signalId, String entityId, SignalSource source, HealthLevel observed, double strength,
                  String region, String vantage, Long vantageAsn, String detail, String rawRef,
                  Instant eventTime, Instant observedAt) {
        this(signalId, entityId, source, observed, strength, region, vantage, vantageAsn, detail, rawRef, eventTime,
                observedAt, null);
    }

    public Signal {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(eventTime, "eventTime");
        observedAt = observedAt == null ? eventTime : observedAt;
        detail = detail == null ? "" : detail;
        if (!(strength >= 0.0 && strength <= 1.0)) {
            throw new IllegalArgumentException("strength of signal '" + signalId + "' must be in [0, 1], was " + strength);
        }
    }
}
