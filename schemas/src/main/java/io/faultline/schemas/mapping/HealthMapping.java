package io.faultline.schemas.mapping;

import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.avro.SignalSource;
import io.faultline.core.correlation.ComponentStatus;
import io.faultline.core.correlation.ConnectionUpdate;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.HealthUpdate;

import java.util.Optional;

/**
 * Maps the correlation engine's wire inputs to its domain inputs.
 *
 * <ul>
 *   <li>{@link ServiceHealth} (topic service-health) becomes a {@link HealthUpdate} stamped with
 *       {@code since}, the time from which the new level holds (what the engine windows on);</li>
 *   <li>a {@link ServiceSignal} from a component's own status page becomes a {@link ComponentStatus}.
 *       Whether its entity is a component and not a service is for the caller to decide against
 *       the catalog: a service's own page is already folded into its ServiceHealth upstream.</li>
 * </ul>
 * A record that breaks the domain's invariants (confidence outside 0..1, a missing time) raises
 * {@link IllegalArgumentException} naming the field, for the caller to dead-letter.
 */
public final class HealthMapping {

    private HealthMapping() {
    }

    public static HealthUpdate toUpdate(ServiceHealth health) {
        if (health.getSince() == null) {
            throw new IllegalArgumentException("ServiceHealth.since of '" + health.getServiceId() + "' is missing");
        }
        return new HealthUpdate(health.getServiceId(), level(health.getState()), health.getConfidence(),
                health.getSince(), health.getRegion());
    }

    /**
     * The status-page report a signal carries, or empty when it is not a status-page signal or says
     * nothing about trouble (state UNKNOWN).
     */
    public static Optional<ComponentStatus> toComponentStatus(ServiceSignal signal) {
        if (signal.getSource() != SignalSource.STATUS_PAGE || signal.getObservedState() == HealthState.UNKNOWN) {
            return Optional.empty();
        }
        if (signal.getEventTime() == null) {
            throw new IllegalArgumentException("ServiceSignal.eventTime of '" + signal.getSignalId() + "' is missing");
        }
        boolean troubled = level(signal.getObservedState()).isImpairment();
        return Optional.of(new ComponentStatus(signal.getEntityId(), troubled, signal.getEventTime()));
    }

    /** The probe connection event a signal carries (one signal per event does), as an engine input. */
    public static Optional<ConnectionUpdate> toConnectionUpdate(ServiceSignal signal) {
        io.faultline.avro.ProbeConnection c = signal.getConnection();
        if (signal.getSource() != SignalSource.PROBE_CONNECTION || c == null) {
            return Optional.empty();
        }
        if (signal.getEventTime() == null) {
            throw new IllegalArgumentException("ServiceSignal.eventTime of '" + signal.getSignalId() + "' is missing");
        }
        return Optional.of(new ConnectionUpdate(c.getProbeId(), c.getConnected(), c.getAsn(), c.getOrganisation(),
                c.getCountry(), c.getController(), c.getVantage(), signal.getEventTime()));
    }

    /** What the correlation takes from a signal: a component's status-page report or a probe connection event. */
    public static Optional<CorrelationInput> toCorrelationInput(ServiceSignal signal) {
        Optional<CorrelationInput> status = toComponentStatus(signal).map(s -> s);
        return status.isPresent() ? status : toConnectionUpdate(signal).map(c -> c);
    }

    public static HealthLevel level(HealthState state) {
        return switch (state) {
            case UP -> HealthLevel.UP;
            case DEGRADED -> HealthLevel.DEGRADED;
            case DOWN -> HealthLevel.DOWN;
            case UNKNOWN -> HealthLevel.UNKNOWN;
        };
    }

    public static HealthState state(HealthLevel level) {
        return switch (level) {
            case UP -> HealthState.UP;
            case DEGRADED -> HealthState.DEGRADED;
            case DOWN -> HealthState.DOWN;
            case UNKNOWN -> HealthState.UNKNOWN;
        };
    }
}
