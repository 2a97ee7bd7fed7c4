package io.faultline.core.correlation;

import java.io.Serializable;
import java.time.Instant;

/**
 * A probe connecting to or disconnecting from its controller (RIPE Atlas measurement 7000, or the
 * own prober's vantage coming and going), with the network it sits in as far as known. Input of the
 * network-outage detection ({@link io.faultline.core.network.NetworkOutages}); networks need no
 * catalog entries.
 *
 * @param probeId      the probe
 * @param connected    true for a connect (or any sign of life), false for a disconnect
 * @param asn          the probe's ASN, or null
 * @param organisation the organisation holding the ASN (from the ASN data), or null
 * @param country      ISO country of the probe's network, or null
 * @param controller   the controller the probe was attached to, or null
 * @param vantage      the own prober's vantage for its heartbeats (a vantage that falls silent is out), or
 *                     null for probes that report their own disconnections (RIPE Atlas)
 * @param time         event time
 */
public record ConnectionUpdate(long probeId, boolean connected, Long asn, String organisation, String country,
                               String controller, String vantage, Instant time) implements CorrelationInput, Serializable {

    public ConnectionUpdate {
        java.util.Objects.requireNonNull(time, "time");
        organisation = blankToNull(organisation);
        country = blankToNull(country);
        controller = blankToNull(controller);
        vantage = blankToNull(vantage);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
