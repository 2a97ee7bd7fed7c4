package io.faultline.ingestion.social;

/**
 * One entry of an X API v2 {@code errors} array. On the filtered stream an error message without
 * {@code data} (e.g. {@code operational-disconnect}) means the server is closing the stream and the
 * client must reconnect; next to {@code data} (search pages) errors are partial, about includes.
 *
 * @param title          e.g. {@code operational-disconnect}, {@code Forbidden}
 * @param type           problem URI, e.g. {@code https://api.twitter.com/2/problems/operational-disconnect}
 * @param detail         human-readable detail
 * @param disconnectType e.g. {@code UpstreamOperationalDisconnect}, or null
 * @param partial        true when the same message also carried data
 */
public record XApiError(String title, String type, String detail, String disconnectType, boolean partial) {

    /** The stream is being closed by the server: reconnect (with backoff). */
    public boolean isDisconnect() {
        return !partial && (disconnectType != null
                || (type != null && type.endsWith("/operational-disconnect"))
                || "operational-disconnect".equals(title));
    }
}
