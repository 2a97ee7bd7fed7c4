package io.faultline.api.http;

/**
 * A history endpoint cannot be answered: no history store (ClickHouse) is configured, or the one
 * configured cannot be reached; answered 503.
 */
public final class HistoryUnavailable extends RuntimeException {

    public HistoryUnavailable() {
        super("this endpoint reads the ClickHouse history store, which is not configured "
                + "(start the API with --clickhouse-url); live endpoints are under /api/v1/live/");
    }

    /** The configured store did not answer; {@code reason} names what failed, without credentials. */
    public HistoryUnavailable(String reason, Throwable cause) {
        super("the ClickHouse history store cannot be reached (" + reason + "); retry later, "
                + "live endpoints are under /api/v1/live/", cause);
    }
}
