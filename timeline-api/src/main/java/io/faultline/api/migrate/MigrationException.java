package io.faultline.api.migrate;

/** A migration set that must not be applied (out of order, edited, missing, malformed) or a failed statement. */
public final class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
