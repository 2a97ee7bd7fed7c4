package io.faultline.api.live;

/**
 * The live store cannot answer for now, for a reason that should pass (e.g. the Kafka Streams
 * application that holds it is rebalancing or restoring its state). The API answers 503 with
 * the message, so a client knows to retry rather than report a server fault.
 */
public final class LiveStoreUnavailable extends RuntimeException {

    public LiveStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
