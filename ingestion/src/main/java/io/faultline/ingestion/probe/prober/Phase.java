package io.faultline.ingestion.probe.prober;

/** The steps of a probe, in order; a failure is classified by the step it happened in. */
public enum Phase {
    DNS, GUARD, CONNECT, TLS, REQUEST, FIRST_BYTE, BODY;

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
