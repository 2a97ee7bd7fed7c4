package io.faultline.schemas.mapping;

import io.faultline.avro.HealthState;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.signal.Signal;
import io.faultline.core.signal.SignalSource;

/** Maps signals between the core and the wire ({@code signals} topic). */
public final class Signals {

    private Signals() {
    }

    public static ServiceSignal toAvro(Signal s) {
        return ServiceSignal.newBuilder()
                .setSignalId(s.signalId()).setEntityId(s.entityId())
                .setSource(io.faultline.avro.SignalSource.valueOf(s.source().name()))
                .setObservedState(HealthState.valueOf(s.observed().name())).setStrength(s.strength())
                .setRegion(s.region()).setVantage(s.vantage()).setVantageAsn(s.vantageAsn()).setDetail(s.detail())
                .setRawRef(s.rawRef()).setEventTime(s.eventTime()).setObservedAt(s.observedAt())
                .setConnection(s.connection() == null ? null : io.faultline.avro.ProbeConnection.newBuilder()
                        .setProbeId(s.connection().probeId()).setConnected(s.connection().connected())
                        .setAsn(s.connection().asn()).setOrganisation(s.connection().organisation())
                        .setCountry(s.connection().country()).setController(s.connection().controller())
                        .setVantage(s.connection().vantage()).build())
                .build();
    }

    /**
     * The core view of a wire signal, or null for a source the health stage does not judge
     * (CATALOG, DERIVED, OTHER, or a symbol added by a later schema).
     */
    public static Signal toCore(ServiceSignal s) {
        SignalSource source = switch (s.getSource()) {
            case STATUS_PAGE -> SignalSource.STATUS_PAGE;
            case SOCIAL -> SignalSource.SOCIAL;
            case PROBE -> SignalSource.PROBE;
            case PROBE_CONNECTION -> SignalSource.PROBE_CONNECTION;
            default -> null;
        };
        if (source == null) {
            return null;
        }
        return new Signal(s.getSignalId(), s.getEntityId(), source, HealthLevel.valueOf(s.getObservedState().name()),
                s.getStrength(), s.getRegion(), s.getVantage(), s.getVantageAsn(), s.getDetail(), s.getRawRef(),
                s.getEventTime(), s.getObservedAt(), s.getConnection() == null ? null
                        : new io.faultline.core.signal.ProbeConnection(s.getConnection().getProbeId(),
                                s.getConnection().getConnected(), s.getConnection().getAsn(),
                                s.getConnection().getOrganisation(), s.getConnection().getCountry(),
                                s.getConnection().getController(), s.getConnection().getVantage()));
    }
}
