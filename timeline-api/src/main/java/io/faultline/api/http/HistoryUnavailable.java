package io.faultline.api.http;

/** A history-only endpoint was called while no history store (ClickHouse) is configured; answered 503. */
public final class HistoryUnavailable extends RuntimeException {

    public HistoryUnavailable() {
        super("this endpoint reads the ClickHouse history store, which is not configured "
                + "(start the API with --clickhouse-url); live endpoints are under /api/v1/live/");
    }
}
