package io.faultline.streams.topology;

import io.faultline.avro.DeadLetter;
import org.apache.avro.specific.SpecificRecord;

/** A record after decoding: either the value or the dead letter that replaces it. Never leaves the task. */
public record Decoded<V extends SpecificRecord>(V value, DeadLetter deadLetter) {

    public boolean ok() {
        return deadLetter == null;
    }
}
