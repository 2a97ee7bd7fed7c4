package io.faultline.ingestion.social.stream;

/** A condition retrying cannot fix (bad token, unknown endpoint, refused address, rejected rules): the client stops. */
public final class StreamFailure extends RuntimeException {

    public StreamFailure(String message) {
        super(message);
    }

    public StreamFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
