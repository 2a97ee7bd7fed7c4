package io.faultline.ingestion;

import java.nio.ByteBuffer;
import java.time.Instant;

import io.faultline.avro.DeadLetter;

/** Turns a {@link Rejected} input into the DeadLetter record the dead-letter topic carries. */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter of(Rejected r, Instant at) {
        return DeadLetter.newBuilder()
                .setSource(r.source())
                .setErrorType(r.errorType())
                .setReason(r.reason())
                .setPayload(ByteBuffer.wrap(r.payload()))
                .setContext(r.context())
                .setEventTime(at)
                .build();
    }
}
