package io.faultline.ingestion.social.stream;

/** A non-success HTTP status from a platform, with the start of the body for the log. */
final class HttpStatusError extends Exception {

    final int status;
    /** X's {@code x-rate-limit-reset} (epoch seconds) on a 429, or -1. */
    final long rateLimitReset;

    HttpStatusError(String what, int status, String body) {
        this(what, status, body, -1);
    }

    HttpStatusError(String what, int status, String body, long rateLimitReset) {
        super(what + " answered HTTP " + status + (body.isBlank() ? "" : ": " + body), null, false, false);
        this.status = status;
        this.rateLimitReset = rateLimitReset;
    }

    /** The {@code x-rate-limit-reset} header as epoch seconds, or -1 when absent or not a number. */
    static long rateLimitReset(java.net.http.HttpHeaders headers) {
        try {
            return headers.firstValue("x-rate-limit-reset").map(String::strip).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Statuses retrying cannot fix: bad request, bad or missing token, no access, wrong URL. */
    boolean fatal() {
        return status == 400 || status == 401 || status == 403 || status == 404 || status == 410;
    }

    static String bodyPreview(java.io.InputStream in) {
        try (in) {
            byte[] b = in.readNBytes(2048);
            return new String(b, java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }
}
