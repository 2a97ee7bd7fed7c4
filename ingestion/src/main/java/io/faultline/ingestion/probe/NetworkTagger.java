package io.faultline.ingestion.probe;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;

/**
 * Fills in the network a probe sits in (ASN, organisation, country) when the source did not say.
 * Implemented over the ASN dataset in {@code io.faultline.ingestion.network}; {@link #NONE} leaves
 * records as they are.
 */
public interface NetworkTagger {

    /** @param vantageAddress the probe's own public address (Atlas {@code from}), may be null */
    ProbeResult tag(ProbeResult result, String vantageAddress);

    ProbeConnectionEvent tag(ProbeConnectionEvent event);

    NetworkTagger NONE = new NetworkTagger() {
        @Override
        public ProbeResult tag(ProbeResult result, String vantageAddress) {
            return result;
        }

        @Override
        public ProbeConnectionEvent tag(ProbeConnectionEvent event) {
            return event;
        }
    };
}
