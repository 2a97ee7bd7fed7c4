package io.faultline.ingestion.probe.prober;

import java.time.Instant;
import java.util.Map;

import io.faultline.avro.ProbeErrorKind;

/**
 * What one round of probes found: when it started, over how many targets, how many probes ran, how
 * many succeeded, failures by kind.
 */
public record RoundSummary(Instant startedAt, int targets, int probes, int succeeded, Map<ProbeErrorKind, Integer> failures) {

    public RoundSummary {
        failures = Map.copyOf(failures);
    }

    @Override
    public String toString() {
        return probes + " probes, " + succeeded + " ok" + (failures.isEmpty() ? "" : ", failed " + failures);
    }
}
