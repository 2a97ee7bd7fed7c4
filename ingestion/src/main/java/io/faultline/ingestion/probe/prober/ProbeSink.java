package io.faultline.ingestion.probe.prober;

import io.faultline.avro.ProbeResult;

/** Where probe results go (the raw.probe topic in production, a list in tests). Must be thread-safe. */
@FunctionalInterface
public interface ProbeSink {

    void accept(ProbeResult result);
}
