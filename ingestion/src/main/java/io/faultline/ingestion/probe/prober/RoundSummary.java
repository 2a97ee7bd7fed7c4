package io.faultline.ingestion.probe.prober;

import java.util.Map;

import io.faultline.avro.ProbeErrorKind;

/** What one round of probes found: how many ran, how many succeeded, failures by kind. */
public record RoundSummary(int probes, int succeeded, Map<ProbeErrorKind, Integer> failures) {

    public RoundSummary {
        failures = Map.copyOf(failures);
    }

    @Override
    public String toString() {
        return probes + " probes, " + succeeded + " ok" + (failures.isEmpty() ? "" : ", failed " + failures);
    }
}
