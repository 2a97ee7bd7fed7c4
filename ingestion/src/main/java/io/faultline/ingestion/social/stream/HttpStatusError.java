package io.faultline.ingestion.social.stream;

/** A non-success HTTP status from a platform, with the start of the body for the log. */
final class HttpStatusError extends Exception {

    final int status;

    HttpStatusError(String what, int status, String body) {
        super(what + " answered HTTP " + status + (body.isBlank() ? "" : ": " + body), null, false, false);
        this.status = status;
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
