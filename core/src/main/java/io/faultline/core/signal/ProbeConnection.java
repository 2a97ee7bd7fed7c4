package io.faultline.core.signal;

import java.io.Serializable;

/**
 * The probe behind a connection-event signal and the network it sits in, as far as known, so the
 * correlation can follow probes of networks that have no catalog entry; {@code vantage} names the
 * own prober's vantage on its heartbeats (null for RIPE Atlas probes).
 */
public record ProbeConnection(long probeId, boolean connected, Long asn, String organisation, String country,
                              String controller, String vantage) implements Serializable {
}
